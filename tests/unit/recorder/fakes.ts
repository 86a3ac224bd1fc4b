// Fakes of the browser objects the SDK modules take as parameters.
import type { SdkConfig } from "@/lib/replay/protocol";
import type { StorageLike } from "@/lib/recorder/storage";
import type { FetchLike } from "@/lib/recorder/transport";

export type StorageCall = { op: "getItem" | "setItem" | "removeItem"; key: string };

// A sessionStorage stand-in that records every call, so tests can assert "zero calls".
export function fakeStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  const calls: StorageCall[] = [];
  const storage: StorageLike = {
    getItem(key) {
      calls.push({ op: "getItem", key });
      return data.has(key) ? (data.get(key) ?? null) : null;
    },
    setItem(key, value) {
      calls.push({ op: "setItem", key });
      data.set(key, String(value));
    },
    removeItem(key) {
      calls.push({ op: "removeItem", key });
      data.delete(key);
    },
  };
  return { storage, data, calls };
}

export type FetchCall = { url: string; init: RequestInit; body: string | Uint8Array | undefined };

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

// Records requests; `route` decides each answer (default 201 {}), possibly later (a promise);
// "network-error" simulates a failed request.
export function fakeFetch(route: (url: string, init: RequestInit) => Reply | "network-error" | Promise<Reply | "network-error"> = () => ({ status: 201, body: {} })) {
  const calls: FetchCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init, body: init.body as string | Uint8Array | undefined });
    const reply = await route(url, init);
    if (reply === "network-error") throw new TypeError("Failed to fetch");
    return {
      ok: reply.status >= 200 && reply.status < 300,
      status: reply.status,
      headers: new Headers(reply.headers ?? {}),
      json: async () => reply.body,
    };
  };
  return { fetch, calls };
}

// Timers that only run when the test says so.
export function fakeTimers() {
  let next = 1;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  return {
    setTimeout: (fn: () => void, ms: number): unknown => {
      const id = next++;
      pending.set(id, { fn, ms });
      return id;
    },
    clearTimeout: (handle: unknown) => {
      pending.delete(handle as number);
    },
    pending: () => [...pending.values()].map((t) => t.ms),
    // Runs the timers due within `ms` (one round: timers they schedule wait for the next call).
    run(ms = Infinity) {
      const due = [...pending.entries()].filter(([, t]) => t.ms <= ms);
      for (const [id, t] of due) {
        pending.delete(id);
        t.fn();
      }
      return due.length;
    },
  };
}

export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

export function config(overrides: Partial<SdkConfig> = {}): SdkConfig {
  return {
    maskingMode: "M3",
    recordingMode: "buffer",
    triggers: ["ticket", "manual", "error"],
    bufferMinutes: 5,
    samplingRate: 1,
    maxSessionMinutes: 240,
    maskSelectors: [],
    unmaskSelectors: [],
    blockSelectors: [],
    sensitivePages: [],
    pathSegmentAllowList: [],
    vaultPublicKey: null,
    ...overrides,
  };
}

export function bodyText(call: FetchCall): string {
  const b = call.body;
  if (typeof b === "string") return b;
  if (b instanceof Uint8Array) return new TextDecoder().decode(b);
  return "";
}

import { BEACON_MAX_BYTES } from "../replay/protocol";
import type { EncodedBatch } from "./batch";

export type FetchLike = (url: string, init: RequestInit) => Promise<Pick<Response, "ok" | "status" | "headers" | "json">>;

export type TransportDeps = {
  fetch: FetchLike;
  // navigator.sendBeacon, only for browsers without fetch keepalive.
  sendBeacon: ((url: string, data: Blob) => boolean) | null;
  keepaliveSupported: boolean;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  // Told when the server refuses the site or the session for good (401/403/404/410).
  onFatal: (status: number) => void;
};

export const MAX_QUEUED_BATCHES = 20;
export const MAX_ATTEMPTS = 6;
const BASE_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

// Every SDK request: no cookies to the Replaydesk host, no page URL in the Referer (query strings
// carry personal data) but still an Origin header for the server's allowed-origin check, and a
// CORS-safelisted content type so that no preflight is needed.
export function postInit(body: BodyInit, keepalive: boolean, signal?: AbortSignal): RequestInit {
  return {
    method: "POST",
    body,
    headers: { "Content-Type": "text/plain" },
    credentials: "omit",
    mode: "cors",
    referrerPolicy: "strict-origin",
    keepalive,
    ...(signal ? { signal } : {}),
  };
}

type Item = { batch: EncodedBatch; attempts: number };

// Sends encoded batches one at a time, in order. Failures that may pass later (network, 408, 429,
// 5xx) are retried with exponential backoff and the SAME body (same seq: the server dedupes);
// other 4xx answers drop the batch. The queue is bounded: when it is full the caller keeps events
// in its time-bounded buffer instead of encoding more batches.
export function createTransport(url: string, deps: TransportDeps) {
  let queue: Item[] = [];
  let sending: Item | null = null;
  let sendingKeepaliveBytes = 0;
  let timer: unknown = null;
  let stopped = false;
  let controller: AbortController | null = null;
  let idleWaiters: Array<() => void> = [];

  function settleIdle(): void {
    if (queue.length === 0 && sending === null) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  function retryLater(item: Item, retryAfterMs: number | null): void {
    item.attempts++;
    if (item.attempts >= MAX_ATTEMPTS) {
      queue.shift();
      pump();
      return;
    }
    const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (item.attempts - 1));
    timer = deps.setTimeout(() => {
      timer = null;
      pump();
    }, Math.max(backoff, retryAfterMs ?? 0));
  }

  function pump(): void {
    if (stopped || sending || timer !== null) return;
    const item = queue[0];
    if (!item) {
      settleIdle();
      return;
    }
    sending = item;
    const keepalive = deps.keepaliveSupported && item.batch.bytes <= BEACON_MAX_BYTES;
    sendingKeepaliveBytes = keepalive ? item.batch.bytes : 0;
    controller = typeof AbortController === "undefined" ? null : new AbortController();
    deps
      .fetch(url, postInit(item.batch.body as BodyInit, keepalive, controller?.signal))
      .then(
        (res) => {
          if (res.ok) return "done" as const;
          if (res.status === 408 || res.status === 429 || res.status >= 500) {
            const after = Number(res.headers.get("Retry-After"));
            return Number.isFinite(after) && after > 0 ? Math.min(after, 60) * 1000 : null;
          }
          if (res.status === 401 || res.status === 403 || res.status === 404 || res.status === 410) {
            stopped = true;
            deps.onFatal(res.status);
          }
          return "drop" as const;
        },
        () => null,
      )
      .then((outcome) => {
        if (sending !== item) return;
        sending = null;
        sendingKeepaliveBytes = 0;
        controller = null;
        if (stopped) {
          queue = [];
          settleIdle();
          return;
        }
        if (outcome === "done" || outcome === "drop") {
          queue.shift();
          pump();
        } else {
          retryLater(item, outcome);
        }
      });
  }

  // Fire-and-forget send that survives the page being unloaded.
  function sendKeepalive(body: Uint8Array | string): boolean {
    if (deps.keepaliveSupported) {
      deps.fetch(url, postInit(body as BodyInit, true)).catch(() => undefined);
      return true;
    }
    if (deps.sendBeacon) {
      try {
        return deps.sendBeacon(url, new Blob([body as BlobPart], { type: "text/plain" }));
      } catch {
        return false;
      }
    }
    return false;
  }

  return {
    canAccept(): boolean {
      return !stopped && queue.length < MAX_QUEUED_BATCHES;
    },
    enqueue(batch: EncodedBatch): void {
      if (stopped) return;
      queue.push({ batch, attempts: 0 });
      pump();
    },
    pending(): number {
      return queue.length;
    },
    // Resolves once everything queued so far is sent or given up.
    idle(): Promise<void> {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
    // Page is being hidden or unloaded: hand every queued batch that fits in the keepalive budget
    // to the browser. Returns the budget left for the caller's last batch.
    flushOnHide(): number {
      let budget = BEACON_MAX_BYTES - sendingKeepaliveBytes;
      if (stopped) return 0;
      const rest: Item[] = [];
      for (const item of queue) {
        if (item === sending) {
          rest.push(item);
        } else if (item.batch.bytes <= budget && sendKeepalive(item.batch.body)) {
          budget -= item.batch.bytes;
        } else {
          rest.push(item);
        }
      }
      queue = rest;
      return budget;
    },
    sendKeepalive,
    stop(): void {
      stopped = true;
      if (timer !== null) deps.clearTimeout(timer);
      timer = null;
      controller?.abort();
      controller = null;
      sending = null;
      queue = [];
      settleIdle();
    },
  };
}

export type Transport = ReturnType<typeof createTransport>;

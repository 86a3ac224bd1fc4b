import { describe, expect, it, vi } from "vitest";
import { gunzipSync } from "node:zlib";
import type { ReplayEvent, SdkConfig } from "@/lib/replay/protocol";
import { createRecorderRuntime, type PageEvent, type RecorderDeps } from "@/lib/recorder/recorder-core";
import { SDK_STORAGE_KEYS, SESSION_KEY } from "@/lib/recorder/storage-keys";
import type { RecordOptions } from "@/lib/recorder/rrweb-options";
import { nativeGzip } from "@/lib/recorder/compress";
import { bodyText, config, fakeFetch, fakeStorage, fakeTimers, settle, type FetchCall } from "./fakes";

const SITE_KEY = "pk_0123456789abcdef0123456789abcdef";
const ENDPOINT = "https://desk.test";
const S1 = "input[type=password],[autocomplete^=cc-]";
const SECRET = "jane.doe@example.com";
const MIN = 60_000;
const PROOF = "cp_proof_of_consent_0001";

type Harness = ReturnType<typeof harness>;

// A page with the recorder: fake rrweb (the test emits events), fake masker (uppercases the
// marker "MASKED:"), fake storage, network, clock and timers.
type ConsentReply = { status: number; body?: unknown } | "network-error" | Promise<{ status: number; body?: unknown }>;

function harness(opts: { cfg?: Partial<SdkConfig>; storage?: ReturnType<typeof fakeStorage>; now?: number; gzip?: RecorderDeps["gzip"]; consentReply?: () => ConsentReply; ingestReply?: () => ConsentReply; url?: string } = {}) {
  let now = opts.now ?? 1_700_000_000_000;
  let url = opts.url ?? "https://shop.test/checkout?email=jane#x";
  const cfg = config(opts.cfg);
  const storage = opts.storage ?? fakeStorage();
  const net = fakeFetch((url) => {
    if (url.includes("/sdk-config")) return { status: 200, body: cfg };
    if (url.includes("/consent")) return opts.consentReply?.() ?? { status: 201, body: { proofId: PROOF, deleted: false } };
    return opts.ingestReply?.() ?? { status: 201, body: {} };
  });
  const timers = fakeTimers();
  const listeners = new Map<PageEvent, Array<(e: { persisted?: boolean }) => void>>();
  let emit: ((e: ReplayEvent) => void) | null = null;
  let options: RecordOptions | null = null;
  const stop = vi.fn();
  const sealed: Uint8Array[] = [];
  let visibility = "visible";
  let counter = 0;

  const snapshot = () => {
    emit?.({ type: 4, data: { href: "https://shop.test/a?token=abc", width: 1, height: 1 }, timestamp: now });
    emit?.({ type: 2, data: { node: { text: SECRET } }, timestamp: now });
  };
  const deps: RecorderDeps = {
    now: () => now,
    randomBytes: (n) => Uint8Array.from({ length: n }, () => (counter++ * 37) % 256),
    fetch: net.fetch,
    keepaliveSupported: true,
    sendBeacon: null,
    storage: () => storage.storage,
    record: vi.fn((o) => {
      emit = o.emit;
      options = o;
      snapshot();
      return stop;
    }),
    takeFullSnapshot: vi.fn(() => snapshot()),
    addCustomEvent: vi.fn((tag, payload) => emit?.({ type: 5, data: { tag, payload }, timestamp: now })),
    createMasker: vi.fn(() => ({
      mask: (e: ReplayEvent) => JSON.parse(JSON.stringify(e).replaceAll(SECRET, "****")) as ReplayEvent,
    })),
    alwaysBlockSelector: S1,
    isValidSelector: (s) => !s.includes("!!"),
    seal: async (_key, plaintext) => {
      sealed.push(plaintext);
      return "U0VBTEVE";
    },
    gzip: opts.gzip ?? (async () => null),
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    listen: (type, handler) => {
      listeners.set(type, [...(listeners.get(type) ?? []), handler]);
      return () => listeners.set(type, (listeners.get(type) ?? []).filter((h) => h !== handler));
    },
    visibilityState: () => visibility,
    pageUrl: () => url,
    warn: vi.fn(),
  };
  const runtime = createRecorderRuntime({ siteKey: SITE_KEY, endpoint: ENDPOINT }, deps);
  return {
    runtime,
    deps,
    net,
    storage,
    timers,
    stop,
    sealed,
    options: () => options,
    emit: (e: Omit<ReplayEvent, "timestamp">) => emit?.({ ...e, timestamp: now }),
    input: (text: string) => emit?.({ type: 3, data: { source: 5, text }, timestamp: now }),
    fire: (type: PageEvent, e: { persisted?: boolean } = {}) => (listeners.get(type) ?? []).forEach((h) => h(e)),
    listenerCount: () => [...listeners.values()].reduce((n, l) => n + l.length, 0),
    advance: (ms: number) => {
      now += ms;
    },
    setVisibility: (v: string) => {
      visibility = v;
    },
    navigate: (to: string) => {
      url = to;
    },
  };
}

const ingestCalls = (h: Harness) => h.net.calls.filter((c) => c.url === `${ENDPOINT}/api/v1/ingest`);
const consentCalls = (h: Harness) => h.net.calls.filter((c) => c.url === `${ENDPOINT}/api/v1/consent`);
const batches = (calls: FetchCall[]) => calls.map((c) => JSON.parse(bodyText(c)));

async function started(opts: Parameters<typeof harness>[0] = {}) {
  const h = harness(opts);
  h.runtime.setConsent(true);
  await settle();
  return h;
}

describe("before consent", () => {
  it("reads and writes no storage and sends nothing", async () => {
    const h = harness();
    await settle();
    h.timers.run();
    expect(h.runtime.sessionId()).toBeNull();
    expect(await h.runtime.trigger("manual", "manual")).toEqual({ sessionId: null });
    expect(h.storage.calls).toEqual([]);
    expect(h.net.calls).toEqual([]);
    expect(h.deps.record).not.toHaveBeenCalled();
  });
});

describe("consent given", () => {
  it("fetches the config, records with the S1 block list, and logs consent once", async () => {
    const h = await started({ cfg: { blockSelectors: [".private"] } });
    expect(h.net.calls[0]?.url).toBe(`${ENDPOINT}/api/v1/sdk-config?siteKey=${SITE_KEY}`);
    expect(h.options()).toMatchObject({
      blockSelector: `${S1},[data-replay-block],.private`,
      maskAllInputs: true,
      maskTextSelector: "*",
      inlineImages: false,
      recordCanvas: false,
      collectFonts: false,
      slimDOMOptions: "all",
      plugins: [],
    });
    const consent = batches(consentCalls(h));
    expect(consent).toEqual([{ siteKey: SITE_KEY, sessionId: h.runtime.sessionId(), granted: true }]);
    expect(h.runtime.sessionId()).toMatch(/^s_[A-Za-z0-9_-]{22}$/);
    expect(JSON.parse(h.storage.data.get(SESSION_KEY)!).id).toBe(h.runtime.sessionId());
  });

  it("refuses to record when a block selector does not parse (blocking would fail open)", async () => {
    const h = await started({ cfg: { blockSelectors: ["!!bad"] } });
    expect(h.deps.record).not.toHaveBeenCalled();
    expect(h.runtime.sessionId()).toBeNull();
  });

  it("records nothing in a non-sampled session (L1), on this page or the next", async () => {
    const h = await started({ cfg: { samplingRate: 0 } });
    expect(h.deps.record).not.toHaveBeenCalled();
    expect(batches(consentCalls(h))).toEqual([{ siteKey: SITE_KEY, sessionId: null, granted: true }]);
    const next = await started({ cfg: { samplingRate: 1 }, storage: h.storage });
    expect(next.deps.record).not.toHaveBeenCalled();
  });
});

describe("L2 buffer mode", () => {
  it("uploads nothing until a trigger, then masked batches from seq 0 with the trigger on the first", async () => {
    const h = await started();
    h.input(SECRET);
    h.advance(FLUSH);
    h.timers.run();
    await settle();
    expect(ingestCalls(h)).toHaveLength(0);

    const { sessionId } = await h.runtime.trigger("customer clicked help", "manual");
    await settle();
    const sent = batches(ingestCalls(h));
    expect(sessionId).toBe(h.runtime.sessionId());
    expect(sent[0]).toMatchObject({ v: 1, siteKey: SITE_KEY, sessionId, consent: PROOF, seq: 0, trigger: { reason: "customer clicked help", kind: "manual" }, page: { url: "https://shop.test/checkout" } });
    expect(sent[0].events.map((e: ReplayEvent) => e.type)).toEqual([4, 2, 3]);
    expect(sent[0].vault).toBeUndefined();
    for (const call of ingestCalls(h)) expect(bodyText(call)).not.toContain(SECRET);

    // Then it streams: the next batch is seq 1, without the trigger.
    h.input("more");
    h.advance(FLUSH);
    h.timers.run();
    await settle();
    const next = batches(ingestCalls(h))[1];
    expect(next).toMatchObject({ seq: 1, consent: PROOF });
    expect(next.trigger).toBeUndefined();
  });

  it("an uncaught error is marked, and triggers when the site chose so", async () => {
    const h = await started({ cfg: { triggers: ["error"] } });
    h.fire("error");
    await settle();
    const sent = batches(ingestCalls(h));
    expect(sent[0].trigger).toEqual({ reason: "error", kind: "error" });
    expect(sent[0].events.at(-1)).toMatchObject({ type: 5, data: { tag: "replaydesk:error", payload: { message: "error" } } });
  });

  it("ignores triggers of a kind the site did not enable", async () => {
    const h = await started({ cfg: { triggers: ["ticket"] } });
    expect(await h.runtime.trigger("x", "manual")).toEqual({ sessionId: null });
    h.fire("error");
    await settle();
    expect(ingestCalls(h)).toHaveLength(0);
  });

  it("persists only masked events to sessionStorage, and the next page of the tab continues", async () => {
    const h = await started();
    h.input(SECRET);
    h.fire("pagehide");
    const id = h.runtime.sessionId();
    for (const value of h.storage.data.values()) expect(value).not.toContain(SECRET);
    expect(ingestCalls(h)).toHaveLength(0);

    const next = await started({ storage: h.storage, now: 1_700_000_000_000 + 10_000 });
    expect(next.runtime.sessionId()).toBe(id);
    expect(consentCalls(next)).toHaveLength(0);
    await next.runtime.trigger("help", "manual");
    await settle();
    const events = batches(ingestCalls(next)).flatMap((b) => b.events);
    // Previous page (snapshot + input) then this page's snapshot.
    expect(events.map((e: ReplayEvent) => e.type)).toEqual([4, 2, 3, 4, 2]);
  });
});

const FLUSH = 5000;

// Privacy point 3: the server refuses uploads of a session without its own consent proof.
describe("the consent proof", () => {
  it("uploads nothing until the consent call answers a proof, asking again (not at once) after a failure", async () => {
    let answers = 0;
    const h = await started({ cfg: { recordingMode: "stream" }, consentReply: () => (++answers === 1 ? "network-error" : { status: 201, body: { proofId: PROOF, deleted: false } }) });
    h.input("typing");
    h.advance(FLUSH);
    h.timers.run();
    await settle();
    expect(consentCalls(h)).toHaveLength(1);
    expect(ingestCalls(h)).toHaveLength(0);
    // Retried after 30 s, then the buffered events go with the proof.
    h.advance(30_000);
    h.timers.run();
    await settle();
    expect(consentCalls(h)).toHaveLength(2);
    const sent = batches(ingestCalls(h));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((b) => b.consent === PROOF)).toBe(true);
    expect(JSON.parse(h.storage.data.get(SESSION_KEY)!)).toMatchObject({ proof: PROOF });
  });

  it("a support request right after consent waits for the proof still on its way, then uploads with it", async () => {
    let answer: (reply: { status: number; body?: unknown }) => void = () => undefined;
    const h = await started({ consentReply: () => new Promise((resolve) => (answer = resolve)) });
    // The ticket must find the session on the server: trigger() resolves only once it was uploaded.
    let uploadedWhenResolved = -1;
    const triggered = h.runtime.trigger("ticket", "ticket").then((r) => {
      uploadedWhenResolved = ingestCalls(h).length;
      return r;
    });
    await settle();
    expect(uploadedWhenResolved).toBe(-1);
    expect(ingestCalls(h)).toHaveLength(0);
    answer({ status: 201, body: { proofId: PROOF, deleted: false } });
    expect((await triggered).sessionId).toBe(h.runtime.sessionId());
    expect(uploadedWhenResolved).toBe(1);
    expect(batches(ingestCalls(h))[0]).toMatchObject({ consent: PROOF, seq: 0, trigger: { reason: "ticket", kind: "ticket" } });
  });

  it("a support code request resolves once its trigger batch is acknowledged (the server then finds the recording)", async () => {
    let acknowledge: (reply: { status: number; body?: unknown }) => void = () => undefined;
    const h = await started({ cfg: { triggers: ["ticket", "code"] }, ingestReply: () => new Promise((resolve) => (acknowledge = resolve)) });
    let resolved = false;
    const triggered = h.runtime.trigger("code", "code").then((r) => {
      resolved = true;
      return r;
    });
    await settle();
    expect(batches(ingestCalls(h))[0]).toMatchObject({ trigger: { reason: "code", kind: "code" } });
    expect(resolved).toBe(false);
    acknowledge({ status: 201, body: {} });
    expect((await triggered).sessionId).toBe(h.runtime.sessionId());
  });

  it("a proof the server did not shape like one is not used", async () => {
    const h = await started({ cfg: { recordingMode: "stream" }, consentReply: () => ({ status: 201, body: { proofId: "<script>" } }) });
    h.advance(FLUSH);
    h.timers.run();
    await settle();
    expect(ingestCalls(h)).toHaveLength(0);
  });

  it("a session an older SDK stored (no proof) asks for one before uploading", async () => {
    const storage = fakeStorage({ [SESSION_KEY]: JSON.stringify({ id: "s_AAAAAAAAAAAAAAAAAAAAAA", startedAt: 1_700_000_000_000, lastActivityAt: 1_700_000_000_000, sampled: true, triggered: true, seq: 3, consentLogged: true }) });
    const h = await started({ storage, now: 1_700_000_000_000 + 1000 });
    expect(h.runtime.sessionId()).toBe("s_AAAAAAAAAAAAAAAAAAAAAA");
    expect(batches(consentCalls(h))).toEqual([{ siteKey: SITE_KEY, sessionId: "s_AAAAAAAAAAAAAAAAAAAAAA", granted: true }]);
    await settle();
    h.advance(FLUSH);
    h.timers.run();
    await settle();
    expect(batches(ingestCalls(h))[0]).toMatchObject({ sessionId: "s_AAAAAAAAAAAAAAAAAAAAAA", seq: 3, consent: PROOF });
  });
});

describe("stream mode", () => {
  it("uploads from the start without a trigger", async () => {
    const h = await started({ cfg: { recordingMode: "stream" } });
    expect(batches(ingestCalls(h))[0]).toMatchObject({ seq: 0 });
    expect(batches(ingestCalls(h))[0].trigger).toBeUndefined();
  });

  it("a trigger with nothing buffered takes a snapshot so the trigger has a batch to ride on", async () => {
    const h = await started({ cfg: { recordingMode: "stream" } });
    await h.runtime.trigger("help", "manual");
    await settle();
    expect(batches(ingestCalls(h))[1]).toMatchObject({ seq: 1, trigger: { reason: "help" } });
  });

  it("page hide sends the rest as a plain keepalive batch with ended: true", async () => {
    const h = await started({ cfg: { recordingMode: "stream" } });
    h.input("x");
    h.fire("pagehide");
    const last = ingestCalls(h).at(-1)!;
    expect(last.init.keepalive).toBe(true);
    expect(JSON.parse(bodyText(last))).toMatchObject({ seq: 1, ended: true });
  });

  it("gzips batches when the browser can", async () => {
    const h = await started({ cfg: { recordingMode: "stream" }, gzip: nativeGzip });
    // Native gzip runs off the main thread: wait for the upload rather than a fixed number of ticks.
    await vi.waitFor(() => expect(ingestCalls(h).length).toBeGreaterThan(0), { timeout: 5000 });
    const body = ingestCalls(h)[0]!.body as Uint8Array;
    expect(JSON.parse(gunzipSync(body).toString()).seq).toBe(0);
  });
});

describe("M1/M2 vault", () => {
  const KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" + "A".repeat(64);

  it("records unmasked at the source and seals the unmasked copy, never persisting it", async () => {
    const h = await started({ cfg: { maskingMode: "M2", vaultPublicKey: KEY } });
    expect(h.options()).toMatchObject({ maskAllInputs: true, maskTextSelector: undefined });
    h.input(SECRET);
    h.fire("pagehide");
    for (const value of h.storage.data.values()) expect(value).not.toContain(SECRET);
    await h.runtime.trigger("help", "manual");
    await settle();
    const sent = batches(ingestCalls(h));
    expect(bodyText(ingestCalls(h)[0]!)).not.toContain(SECRET);
    expect(sent[0].vault).toBe("U0VBTEVE");
    const unmasked = JSON.parse(new TextDecoder().decode(h.sealed[0]));
    expect(unmasked.map((e: ReplayEvent) => e.type)).toEqual([4, 2, 3]);
    expect(JSON.stringify(unmasked)).toContain(SECRET);
    // Even the vault copy has no query string in the page URL.
    expect(unmasked[0].data.href).toBe("https://shop.test/a");
  });

  // Privacy point 1 (S1 on every copy): the sealed copy is scrubbed before it is sealed, by value.
  it("never seals a card number or an IBAN, whatever field they were typed in", async () => {
    const h = await started({ cfg: { maskingMode: "M1", vaultPublicKey: KEY } });
    h.input("Payment reference 4000 0566 5566 5556");
    h.emit({ type: 3, data: { source: 0, texts: [{ id: 9, value: "IBAN FR76 3000 6000 0112 3456 7890 189" }], attributes: [], removes: [], adds: [] } });
    h.input("order 4000056655665557 qty 12, postcode 75002");
    await h.runtime.trigger("help", "manual");
    await settle();
    const sealed = new TextDecoder().decode(h.sealed[0]);
    const sent = bodyText(ingestCalls(h)[0]!);
    for (const copy of [sealed, sent]) {
      expect(copy).not.toContain("4000 0566 5566 5556");
      expect(copy).not.toContain("FR76 3000 6000");
    }
    expect(sealed).toContain("Payment reference **** **** **** ****");
    expect(sealed).toContain("qty 12, postcode 75002");
  });

  it("records one-time codes masked at the source, by autocomplete and by label, in both copies", async () => {
    const h = await started({ cfg: { maskingMode: "M1", vaultPublicKey: KEY } });
    const fn = h.options()?.maskInputFn;
    expect(h.options()?.maskAllInputs).toBe(true);
    const field = (attrs: Record<string, string>, label = "") =>
      ({ getAttribute: (n: string) => attrs[n] ?? null, labels: [{ textContent: label }] }) as unknown as HTMLElement;
    expect(fn?.("482913", field({ autocomplete: "one-time-code" }))).toBe("******");
    expect(fn?.("482913", field({ name: "code" }, "Verification code sent by SMS"))).toBe("******");
    expect(fn?.("75002", field({ name: "postcode" }, "Postcode"))).toBe("75002");
    expect(fn?.("3", field({ name: "qty" }, "Quantity"))).toBe("3");
  });

  it("M3 keeps no unmasked copy at all", async () => {
    const h = await started({ cfg: { maskingMode: "M3", vaultPublicKey: KEY } });
    h.input(SECRET);
    await h.runtime.trigger("help", "manual");
    await settle();
    expect(h.sealed).toHaveLength(0);
    expect(batches(ingestCalls(h))[0].vault).toBeUndefined();
  });
});

describe("sensitive pages (privacy point 7)", () => {
  const cfg = { recordingMode: "stream" as const, sensitivePages: ["/account/*"] };

  it("neither records nor keeps anything on a sensitive page loaded as such", async () => {
    const h = await started({ cfg, url: "https://shop.test/account/orders/88123" });
    expect(h.deps.record).not.toHaveBeenCalled();
    h.timers.run(5000);
    await settle();
    expect(ingestCalls(h)).toEqual([]);
    expect(await h.runtime.trigger("help", "manual")).toEqual({ sessionId: null });
    // The support dialog then says nothing about a recording.
    expect(h.runtime.sessionId()).toBeNull();
    expect(h.runtime.maskingMode()).toBeNull();
  });

  it("stops at the first event after navigating to one, sends nothing from it, and resumes with a snapshot after leaving", async () => {
    const h = await started({ cfg, url: "https://shop.test/cart" });
    h.timers.run(5000);
    await settle();
    const before = ingestCalls(h).length;
    h.navigate("https://shop.test/account/settings");
    h.input("jane.doe.private@example.com");
    h.timers.run(0);
    expect(h.stop).toHaveBeenCalled();
    h.timers.run(5000);
    await settle();
    expect(ingestCalls(h).length).toBe(before);
    h.navigate("https://shop.test/cart");
    h.timers.run(5000);
    await settle();
    h.timers.run(5000);
    await settle();
    expect(h.deps.record).toHaveBeenCalledTimes(2);
    const sent = ingestCalls(h).slice(before).map(bodyText).join("\n");
    expect(sent).not.toContain("private@example.com");
    expect(sent).not.toContain("/account/");
    expect(batches(ingestCalls(h).slice(before))[0].events[0].type).toBe(4);
  });
});

describe("the support dialog's mode (privacy point 9)", () => {
  const KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" + "A".repeat(64);
  it("is the mode the site records in: M3 without a vault key, whatever the site says", async () => {
    expect((await started({ cfg: { maskingMode: "M1", vaultPublicKey: KEY } })).runtime.maskingMode()).toBe("M1");
    expect((await started({ cfg: { maskingMode: "M2", vaultPublicKey: null } })).runtime.maskingMode()).toBe("M3");
    expect(harness().runtime.maskingMode()).toBeNull();
  });
});

describe("withdrawal", () => {
  it("stops at once, drops buffers, deletes every key, tells the server, forgets the id", async () => {
    const h = await started();
    h.input(SECRET);
    const id = h.runtime.sessionId();
    h.runtime.setConsent(false);
    expect(h.stop).toHaveBeenCalled();
    expect(h.runtime.sessionId()).toBeNull();
    for (const key of SDK_STORAGE_KEYS) expect(h.storage.data.has(key)).toBe(false);
    expect(batches(consentCalls(h)).at(-1)).toEqual({ siteKey: SITE_KEY, sessionId: id, granted: false });
    expect(consentCalls(h).at(-1)!.init.keepalive).toBe(true);
    expect(h.listenerCount()).toBe(0);

    // Nothing more happens: no storage, no upload.
    const callsBefore = h.storage.calls.length;
    h.input("after");
    h.fire("pagehide");
    h.timers.run();
    expect(await h.runtime.trigger("x", "manual")).toEqual({ sessionId: null });
    await settle();
    expect(h.storage.calls.length).toBe(callsBefore);
    expect(ingestCalls(h)).toHaveLength(0);
  });

  it("cancels a start still waiting for its config", async () => {
    const h = harness();
    h.runtime.setConsent(true);
    h.runtime.setConsent(false);
    await settle();
    expect(h.deps.record).not.toHaveBeenCalled();
    expect(consentCalls(h)).toHaveLength(0);
    expect(h.storage.calls.filter((c) => c.op !== "removeItem")).toEqual([]);
  });

  it("a new consent starts a new session", async () => {
    const h = await started();
    const first = h.runtime.sessionId();
    h.runtime.setConsent(false);
    h.runtime.setConsent(true);
    await settle();
    expect(h.runtime.sessionId()).not.toBe(first);
  });
});

describe("session rotation (I1)", () => {
  it("rotates after inactivity and starts the new session with a full snapshot", async () => {
    const h = await started();
    const first = h.runtime.sessionId();
    h.advance(31 * MIN);
    h.input("back");
    expect(h.runtime.sessionId()).not.toBe(first);
    h.timers.run(0);
    expect(h.deps.takeFullSnapshot).toHaveBeenCalled();
    await h.runtime.trigger("help", "manual");
    await settle();
    const sent = batches(ingestCalls(h));
    expect(sent[0].sessionId).toBe(h.runtime.sessionId());
    expect(sent[0].events[0].type).toBe(4);
  });
});

describe("server answers", () => {
  it("a 410 (session deleted on the server) continues under a new session id", async () => {
    const h = harness({ cfg: { recordingMode: "stream" } });
    let gone = true;
    const original = h.deps.fetch;
    h.deps.fetch = async (url, init) => {
      if (url.endsWith("/ingest") && gone) {
        gone = false;
        h.net.calls.push({ url, init, body: init.body as string });
        return { ok: false, status: 410, headers: new Headers(), json: async () => ({}) };
      }
      return original(url, init);
    };
    // Re-create with the patched fetch.
    const runtime = createRecorderRuntime({ siteKey: SITE_KEY, endpoint: ENDPOINT }, h.deps);
    runtime.setConsent(true);
    await settle();
    const first = batches(ingestCalls(h))[0].sessionId;
    h.timers.run(0);
    await settle();
    expect(runtime.sessionId()).not.toBe(first);
  });
});

describe("fail closed", () => {
  it("records nothing when the masker refuses the site's rules", async () => {
    const h = harness();
    h.deps.createMasker = () => {
      throw new Error("unsupported selector :has()");
    };
    h.runtime.setConsent(true);
    await settle();
    expect(h.deps.record).not.toHaveBeenCalled();
    expect(h.runtime.sessionId()).toBeNull();
  });

  it("drops events the masker drops, and retries a failed snapshot later rather than at once", async () => {
    const h = harness({ cfg: { recordingMode: "stream" } });
    h.deps.createMasker = () => ({ mask: (e) => (e.type === 2 ? null : e) });
    h.runtime.setConsent(true);
    await settle();
    h.input("x");
    h.timers.run(0);
    expect(h.deps.takeFullSnapshot).not.toHaveBeenCalled();
    expect(h.timers.pending()).toContain(30_000);
    // Only the Meta went out; the input that has no snapshot to apply to did not.
    const events = batches(ingestCalls(h)).flatMap((b) => b.events);
    expect(events.map((e: ReplayEvent) => e.type)).toEqual([4]);
  });

  it("back from the back/forward cache after another page withdrew: stops, sends nothing", async () => {
    const h = await started();
    for (const key of SDK_STORAGE_KEYS) h.storage.data.delete(key);
    h.fire("pageshow", { persisted: true });
    expect(h.stop).toHaveBeenCalled();
    expect(h.runtime.sessionId()).toBeNull();
    const n = h.net.calls.length;
    h.input("x");
    h.fire("pagehide");
    await settle();
    expect(h.net.calls.length).toBe(n);
  });
});

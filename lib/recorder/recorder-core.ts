import {
  API_PATHS,
  FLUSH_INTERVAL_MS,
  MAX_EVENTS_PER_BATCH,
  MAX_TRIGGER_REASON_LENGTH,
  PROTOCOL_VERSION,
  TARGET_BATCH_EVENT_BYTES,
  type MaskingMode,
  type ReplayEvent,
  type SdkConfig,
  type TriggerKind,
} from "../replay/protocol";
import { ERROR_EVENT_TAG } from "../replay/masking";
import { maskAndScrub } from "../replay/mask-batch";
import { isSensitivePage } from "../replay/page-path";
import { scrubSecrets } from "../replay/scrub";
import { batchJson, encodeBatch, splitEntries, type BatchHeader, type EncodeDeps } from "./batch";
import { EventBuffer, FULL_SNAPSHOT_EVENT, INCREMENTAL_EVENT, META_EVENT, makeEntry, parsePersistedEvents, type BufferEntry } from "./buffer";
import { utf8Length, type Gzip } from "./compress";
import { fetchSdkConfig } from "./config";
import { requestConsentProof, sendWithdrawal } from "./consent";
import { buildRecordOptions, type RecordOptions, type SelectorCheck } from "./rrweb-options";
import { isExpired, newSession, parseSessionState, type RandomBytes, type SessionState } from "./session-id";
import { createGatedStorage, type StorageLike } from "./storage";
import { BUFFER_KEY, SESSION_KEY } from "./storage-keys";
import { createTransport, type FetchLike, type Transport } from "./transport";
import type { RecorderContext, RecorderRuntime } from "./types";
import { stripUrl } from "./url";

// lib/replay/masking.ts; mask() returns null for an event that must be dropped.
export type Masker = { mask(event: ReplayEvent): ReplayEvent | null };
export type MaskRules = { maskSelectors: string[]; unmaskSelectors: string[]; blockSelectors: string[]; pathSegmentAllowList: string[] };

export type PageEvent = "pagehide" | "pageshow" | "visibilitychange" | "error" | "unhandledrejection";
export type PageEventInfo = { persisted?: boolean; message?: string };

// Everything the recorder needs from the browser, injected so the state machine runs in tests.
export type RecorderDeps = {
  now(): number;
  randomBytes: RandomBytes;
  fetch: FetchLike;
  keepaliveSupported: boolean;
  sendBeacon: ((url: string, data: Blob) => boolean) | null;
  storage(): StorageLike | null;
  // rrweb's record(): returns its stop function.
  record(options: RecordOptions & { emit: (event: ReplayEvent) => void }): (() => void) | undefined;
  takeFullSnapshot(): void;
  // rrweb's record.addCustomEvent: a marker in the recording (emitted through the masker).
  addCustomEvent(tag: string, payload: Record<string, unknown>): void;
  // Throws for a selector it cannot apply faithfully: then nothing is recorded.
  createMasker(rules: MaskRules): Masker;
  // S1 (passwords, payment fields...) and media: never serialized by rrweb at all.
  alwaysBlockSelector: string;
  isValidSelector: SelectorCheck;
  // sealBytes + base64, bound to lib/crypto/seal.ts by the bundle entry.
  seal(publicKey: string, plaintext: Uint8Array): Promise<string>;
  gzip: Gzip;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  listen(type: PageEvent, handler: (event: PageEventInfo) => void): () => void;
  visibilityState(): string;
  pageUrl(): string;
  warn(message: string): void;
};

// sessionStorage holds at most this many characters of events (the quota, about 5 M characters,
// is shared with the publisher's own code).
export const PERSIST_MAX_CHARS = 1_000_000;
// In-memory bound of the buffer, whatever bufferMinutes says.
export const BUFFER_MAX_BYTES = 8 * 1024 * 1024;
const SESSION_WRITE_THROTTLE_MS = 5000;
const TICKET_FLUSH_TIMEOUT_MS = 10_000;
const MIN_CHECKOUT_INTERVAL_MS = 30_000;
const MAX_ERROR_MESSAGE_LENGTH = 500;
// After a failed consent call, the proof is asked for again no sooner than this.
const PROOF_RETRY_MS = 30_000;

// rrweb incremental sources that mean a person is there (mutations do not).
const ACTIVITY_SOURCES = new Set([1, 2, 3, 5, 6, 7]);

type Phase = "idle" | "starting" | "running" | "unsampled" | "failed";

export function createRecorderRuntime(ctx: RecorderContext, deps: RecorderDeps): RecorderRuntime {
  let consent = false;
  let phase: Phase = "idle";
  let token = 0;
  let startPromise: Promise<void> = Promise.resolve();
  let config: SdkConfig | null = null;
  let session: SessionState | null = null;
  let vaultKey: string | null = null;
  let buffer = new EventBuffer({ windowMs: 0, maxBytes: BUFFER_MAX_BYTES });
  let transport: Transport | null = null;
  let stopRecord: (() => void) | null = null;
  let masker: Masker | null = null;
  let awaitingSnapshot = true;
  let pendingTrigger: { reason: string; kind: TriggerKind } | null = null;
  let proofRequested = -Infinity;
  let proofPending: Promise<void> = Promise.resolve();
  let flushChain: Promise<void> = Promise.resolve();
  let listeners: Array<() => void> = [];
  let tickTimer: unknown = null;
  let checkoutScheduled = false;
  let lastSessionWrite = 0;
  let lastCheckoutAt = 0;
  // On one of the site's sensitive pages: rrweb stopped, nothing recorded, kept or uploaded.
  let paused = false;
  let recordOptions: RecordOptions | null = null;
  let checkedUrl: string | null = null;
  let sensitive = false;

  const storage = createGatedStorage(deps.storage, () => consent);

  const uploading = (s: SessionState | null = session): boolean =>
    s !== null && (s.triggered || config?.recordingMode === "stream");

  function saveSession(): void {
    if (session) {
      storage.set(SESSION_KEY, JSON.stringify(session));
      lastSessionWrite = deps.now();
    }
  }

  function header(s: SessionState, extra: { trigger?: { reason: string; kind: TriggerKind }; ended?: boolean }): BatchHeader {
    return {
      v: PROTOCOL_VERSION,
      siteKey: ctx.siteKey,
      sessionId: s.id,
      // Uploads wait for the proof (flush, onHide): the server refuses a session without one.
      consent: s.proof ?? "",
      page: { url: stripUrl(deps.pageUrl()) },
      ...(ctx.user ? { user: ctx.user } : {}),
      ...(extra.trigger ? { trigger: extra.trigger } : {}),
      ...(extra.ended ? { ended: true } : {}),
    };
  }

  function encodeDeps(): EncodeDeps {
    const key = vaultKey;
    return { gzip: deps.gzip, seal: key ? (plaintext) => deps.seal(key, plaintext) : null };
  }

  // ---- Recording ---------------------------------------------------------------------------

  // Whether the page is one of the site's sensitive pages (looked at again when the URL changes:
  // single-page sites navigate without loading a page).
  function onSensitivePage(): boolean {
    const url = deps.pageUrl();
    if (url !== checkedUrl) {
      checkedUrl = url;
      sensitive = isSensitivePage(stripUrl(url), config?.sensitivePages ?? []);
    }
    return sensitive;
  }

  function record(): void {
    if (!recordOptions) return;
    awaitingSnapshot = true;
    paused = false;
    stopRecord = deps.record({ ...recordOptions, emit: onEvent }) ?? null;
  }

  // Outside rrweb's emit call stack, which must not stop rrweb while it emits.
  function pause(): void {
    if (paused) return;
    paused = true;
    deps.setTimeout(() => {
      if (!paused) return;
      try {
        stopRecord?.();
      } catch {
        // Its events are dropped while paused anyway.
      }
      stopRecord = null;
    }, 0);
  }

  function onEvent(event: ReplayEvent): void {
    if (phase !== "running" || !session || !masker || paused) return;
    if (onSensitivePage()) {
      // This event and everything until the page is left are dropped before any copy is made.
      pause();
      return;
    }
    const now = deps.now();
    // Every event goes through the masker, in order, even one dropped below: its node map must
    // follow the DOM. A masking failure drops the event; nothing unmasked is ever kept.
    let masked: ReplayEvent | null;
    try {
      // Masked (M0), then card numbers and IBANs scrubbed by value (S1) before anything is kept.
      masked = maskAndScrub(masker, event)?.event ?? null;
    } catch {
      masked = null;
    }
    if (!masked) {
      // A snapshot the masker could not handle: what follows cannot replay. Retry later, not at
      // once (the same page would most likely fail the same way).
      if (event.type === META_EVENT || event.type === FULL_SNAPSHOT_EVENT) awaitSnapshot(MIN_CHECKOUT_INTERVAL_MS);
      return;
    }
    if (isExpired(session, now, config?.maxSessionMinutes ?? 0)) {
      rotate(now);
      return;
    }
    if (isActivity(event)) {
      session.lastActivityAt = now;
      if (now - lastSessionWrite > SESSION_WRITE_THROTTLE_MS) saveSession();
    }
    const snapshotStart = event.type === META_EVENT;
    if (awaitingSnapshot) {
      // rrweb may emit DomContentLoaded/Load before its first Meta; a replay cannot start there.
      if (!snapshotStart) return;
      awaitingSnapshot = false;
    }
    const raw = vaultKey ? JSON.stringify(forVault(event)) : null;
    buffer.push(makeEntry(event.timestamp, snapshotStart, JSON.stringify(masked), raw));
    buffer.trim(now);
    // Throttled: a page whose snapshot alone is over the byte threshold would otherwise ask for
    // a new snapshot after every event.
    if (now - lastCheckoutAt >= MIN_CHECKOUT_INTERVAL_MS && buffer.needsCheckout(now)) {
      lastCheckoutAt = now;
      scheduleCheckout();
    }
  }

  function awaitSnapshot(delayMs = 0): void {
    awaitingSnapshot = true;
    scheduleCheckout(delayMs);
  }

  // Outside rrweb's emit call stack: takeFullSnapshot emits synchronously.
  function scheduleCheckout(delayMs = 0): void {
    if (checkoutScheduled) return;
    checkoutScheduled = true;
    deps.setTimeout(() => {
      checkoutScheduled = false;
      if (phase !== "running") return;
      try {
        deps.takeFullSnapshot();
      } catch {
        // The next trim asks again.
      }
    }, delayMs);
  }

  // I1: a new id after inactivity or at the maximum session length. What the old session still
  // holds is uploaded under the old id if it was uploading, dropped otherwise.
  function rotate(now: number, oldIsGone = false): void {
    const old = session;
    if (old?.proof && uploading(old) && !oldIsGone && buffer.length > 0) enqueueUpload(old, buffer.drain(), { ended: true });
    buffer.clear();
    storage.remove(BUFFER_KEY);
    pendingTrigger = null;
    session = newSession(now, deps.randomBytes, config?.samplingRate ?? 0);
    saveSession();
    proofRequested = -Infinity;
    void askProof();
    if (!session.sampled) {
      stopRecording();
      phase = "unsampled";
      return;
    }
    awaitSnapshot();
  }

  // The proof of consent, once per session (kept in its stored state for the next pages); asked
  // again on a later tick if the call failed.
  function askProof(): Promise<void> {
    const s = session;
    const now = deps.now();
    if (!s || s.proof || now - proofRequested < PROOF_RETRY_MS) return proofPending;
    proofRequested = now;
    proofPending = requestConsentProof(deps.fetch, ctx, s.sampled ? s.id : null).then((proof) => {
      if (!proof || s !== session || !consent) return;
      s.proof = proof;
      saveSession();
      if (uploading(s)) void flush();
    });
    return proofPending;
  }

  function stopRecording(): void {
    try {
      stopRecord?.();
    } catch {
      // rrweb failing to detach must not stop the withdrawal.
    }
    stopRecord = null;
    for (const off of listeners) off();
    listeners = [];
    if (tickTimer !== null) deps.clearTimeout(tickTimer);
    tickTimer = null;
  }

  function tick(): void {
    tickTimer = deps.setTimeout(tick, FLUSH_INTERVAL_MS);
    if (phase !== "running" || !session) return;
    if (paused) {
      // Left the sensitive page (single-page site): record again, from a full snapshot.
      if (!onSensitivePage()) record();
      return;
    }
    const now = deps.now();
    if (isExpired(session, now, config?.maxSessionMinutes ?? 0)) {
      rotate(now);
      return;
    }
    buffer.trim(now);
    void askProof();
    if (uploading()) void flush();
  }

  // ---- Upload ------------------------------------------------------------------------------

  // Batches always carry events (the server refuses empty ones); a pending trigger reason rides
  // on the next batch.
  // Nothing goes while on a sensitive page: a batch names the page it is sent from.
  function flush(): Promise<void> {
    const s = session;
    if (phase !== "running" || paused || !s?.proof || !uploading(s) || !transport?.canAccept() || buffer.length === 0) return flushChain;
    return enqueueUpload(s, buffer.drain(), {});
  }

  // Encoding is async (gzip, sealing); batches are encoded one after the other so that their
  // seqs follow the event order.
  function enqueueUpload(s: SessionState, entries: BufferEntry[], opts: { ended?: boolean }): Promise<void> {
    const run = async (): Promise<void> => {
      const myToken = token;
      const groups = splitEntries(entries, {
        maxEvents: MAX_EVENTS_PER_BATCH,
        maxBytes: TARGET_BATCH_EVENT_BYTES,
        vault: vaultKey !== null,
      });
      for (let i = 0; i < groups.length; i++) {
        if (myToken !== token || !transport) return;
        if (!transport.canAccept() && s === session) {
          // The network is not keeping up: keep the rest in the time-bounded buffer.
          buffer.unshift(groups.slice(i).flat());
          return;
        }
        await encodeFitting(s, groups[i] ?? [], i === groups.length - 1 ? opts.ended : undefined, myToken);
      }
    };
    const safeRun = () => run().catch(() => undefined);
    flushChain = flushChain.then(safeRun, safeRun);
    return flushChain;
  }

  async function encodeFitting(s: SessionState, group: BufferEntry[], ended: boolean | undefined, myToken: number): Promise<void> {
    const seq = s.seq++;
    if (s === session) saveSession();
    const trigger = s === session && pendingTrigger !== null ? pendingTrigger : undefined;
    let encoded;
    try {
      encoded = await encodeBatch(header(s, { trigger, ended }), seq, group, encodeDeps());
    } catch {
      // Sealing failed (unusable vault key): the unmasked copies cannot be protected, so they
      // are given up for good and the masked events still go.
      vaultKey = null;
      encoded = await encodeBatch(header(s, { trigger, ended }), seq, group, encodeDeps()).catch(() => null);
    }
    if (myToken !== token || !transport) return;
    if (!encoded) {
      // Too big for the server's limits: give the seq back if nobody took the next one, then
      // halve; a single event that big cannot be sent at all.
      if (s.seq === seq + 1) {
        s.seq = seq;
        if (s === session) saveSession();
      }
      if (group.length > 1) {
        const half = Math.ceil(group.length / 2);
        await encodeFitting(s, group.slice(0, half), undefined, myToken);
        await encodeFitting(s, group.slice(half), ended, myToken);
      }
      return;
    }
    if (trigger !== undefined && pendingTrigger === trigger) pendingTrigger = null;
    transport.enqueue(encoded);
  }

  // Page hide / unload: nothing async can be relied on any more, so what is still buffered goes
  // as one plain-JSON keepalive request if it fits, and the state is persisted for the next page.
  function onHide(ended: boolean): void {
    if (!session) return;
    if (phase === "running" && !paused && transport && session.proof && uploading()) {
      const budget = transport.flushOnHide();
      const s = session;
      const entries = buffer.peek();
      const trigger = pendingTrigger ?? undefined;
      const json = batchJson(header(s, { trigger, ended }), s.seq, entries.map((e) => e.masked));
      if (entries.length > 0 && utf8Length(json) <= budget && transport.sendKeepalive(json)) {
        s.seq++;
        buffer.clear();
        pendingTrigger = null;
      }
    }
    saveSession();
    persistBuffer();
  }

  function persistBuffer(): void {
    if (!session || phase !== "running") return;
    // Uploading sessions may persist a continuation (the server has what came before); buffered
    // sessions only whole segments that replay on their own.
    const events = buffer.serializeMasked(PERSIST_MAX_CHARS, !uploading());
    if (!events || !storage.set(BUFFER_KEY, `{"sid":${JSON.stringify(session.id)},"events":${events}}`)) {
      storage.remove(BUFFER_KEY);
    }
  }

  function restoreBuffer(s: SessionState): BufferEntry[] {
    const raw = storage.get(BUFFER_KEY);
    if (!raw) return [];
    try {
      const parsed = JSON.parse(raw) as { sid?: unknown; events?: unknown };
      if (parsed.sid !== s.id || !Array.isArray(parsed.events)) return [];
      return parsePersistedEvents(JSON.stringify(parsed.events), !uploading(s));
    } catch {
      return [];
    }
  }

  // Back from the back/forward cache: another page of this tab may have run meanwhile (used the
  // next seqs, or withdrawn consent and deleted our keys), so storage is the truth again.
  function onPageShow(persisted: boolean | undefined): void {
    if (!persisted || phase !== "running") return;
    const stored = parseSessionState(storage.get(SESSION_KEY));
    if (!stored) {
      teardown();
      consent = false;
      phase = "idle";
      return;
    }
    session = stored;
    buffer.clear();
    awaitSnapshot();
  }

  // ---- Lifecycle ---------------------------------------------------------------------------

  function makeTransport(): Transport {
    return createTransport(ctx.endpoint + API_PATHS.ingest, {
      fetch: deps.fetch,
      sendBeacon: deps.sendBeacon,
      keepaliveSupported: deps.keepaliveSupported,
      setTimeout: deps.setTimeout,
      clearTimeout: deps.clearTimeout,
      onFatal: (status) => {
        if (status === 410 && phase === "running") {
          // The server deleted this session (retention, or withdrawal): continue under a new id.
          transport = makeTransport();
          rotate(deps.now(), true);
          return;
        }
        // The server refuses this site: stop collecting anything more.
        teardown();
        phase = "failed";
      },
    });
  }

  async function start(myToken: number): Promise<void> {
    const cfg = config ?? (await fetchSdkConfig(deps.fetch, ctx.endpoint, ctx.siteKey));
    if (myToken !== token || !consent) return;
    if (!cfg) {
      phase = "failed";
      return;
    }
    config = cfg;
    vaultKey = cfg.maskingMode !== "M3" && cfg.vaultPublicKey ? cfg.vaultPublicKey : null;
    const built = buildRecordOptions(cfg, deps.alwaysBlockSelector, vaultKey !== null, deps.isValidSelector);
    checkedUrl = null;
    if ("error" in built) {
      // Recording with a block selector that does not parse would record what it should block.
      deps.warn(`Replaydesk: not recording, ${built.error}`);
      phase = "failed";
      return;
    }
    const now = deps.now();
    const stored = parseSessionState(storage.get(SESSION_KEY));
    session = stored && !isExpired(stored, now, cfg.maxSessionMinutes) ? stored : newSession(now, deps.randomBytes, cfg.samplingRate);
    // Loading a page is activity.
    session.lastActivityAt = now;
    saveSession();
    void askProof();
    if (!session.sampled) {
      // L1: this session records nothing, on this page or the next ones.
      phase = "unsampled";
      return;
    }
    buffer = new EventBuffer({ windowMs: cfg.bufferMinutes * 60_000, maxBytes: BUFFER_MAX_BYTES });
    buffer.unshift(session === stored ? restoreBuffer(session) : []);
    if (session !== stored) storage.remove(BUFFER_KEY);
    transport = makeTransport();
    try {
      masker = deps.createMasker({
        maskSelectors: cfg.maskSelectors,
        unmaskSelectors: cfg.unmaskSelectors,
        blockSelectors: cfg.blockSelectors,
        pathSegmentAllowList: cfg.pathSegmentAllowList,
      });
    } catch (error) {
      // A rule the masker cannot apply could expose what it protects: record nothing.
      deps.warn(`Replaydesk: not recording, ${error instanceof Error ? error.message : "unsupported selector"}`);
      transport.stop();
      transport = null;
      phase = "failed";
      return;
    }
    listeners.push(
      deps.listen("pagehide", () => onHide(true)),
      deps.listen("visibilitychange", () => {
        if (deps.visibilityState() === "hidden") onHide(false);
      }),
      deps.listen("pageshow", (e) => onPageShow(e.persisted)),
    );
    // Uncaught errors are marked in the recording (the masker masks the message in the masked
    // copy) and, when the site chose so, trigger the upload.
    const onError = (kind: "error" | "unhandledrejection") => (info: PageEventInfo) => {
      if (phase !== "running") return;
      try {
        // The masker keeps this one custom event's payload (message masked in the masked copy).
        deps.addCustomEvent(ERROR_EVENT_TAG, { message: (info.message || kind).slice(0, MAX_ERROR_MESSAGE_LENGTH) });
      } catch {
        // A marker is nice to have, never worth an error of our own.
      }
      if (config?.triggers.includes("error")) void fire(kind, "error");
    };
    listeners.push(deps.listen("error", onError("error")), deps.listen("unhandledrejection", onError("unhandledrejection")));
    phase = "running";
    recordOptions = built.options;
    try {
      // A sensitive page records nothing; the tick looks again after a navigation.
      if (onSensitivePage()) paused = true;
      else record();
    } catch {
      teardown();
      phase = "failed";
      return;
    }
    tickTimer = deps.setTimeout(tick, FLUSH_INTERVAL_MS);
    if (uploading()) void flush();
  }

  function teardown(): void {
    stopRecording();
    transport?.stop();
    transport = null;
    buffer.clear();
    masker = null;
    pendingTrigger = null;
    token++;
  }

  async function fire(reason: string, kind: TriggerKind): Promise<string | null> {
    await startPromise;
    // A support request right after consent: the session's proof may still be on its way.
    await askProof();
    const s = session;
    // From a sensitive page, nothing is offered: the request has no recording.
    if (!consent || phase !== "running" || paused || !s || !config) return null;
    if (!config.triggers.includes(kind)) return uploading(s) ? s.id : null;
    if (!s.triggered) {
      s.triggered = true;
      pendingTrigger = { reason: reason.slice(0, MAX_TRIGGER_REASON_LENGTH), kind };
      saveSession();
    }
    // Streaming sessions may have just uploaded everything: a fresh snapshot gives the trigger
    // batch something to carry (and the agent a clear starting point).
    if (buffer.length === 0 && pendingTrigger !== null) {
      try {
        deps.takeFullSnapshot();
      } catch {
        // The trigger then rides on the next batch.
      }
    }
    await flush();
    return s.id;
  }

  return {
    setConsent(granted) {
      if (granted) {
        if (consent) return;
        consent = true;
        if (phase === "idle" || phase === "failed") {
          phase = "starting";
          const myToken = ++token;
          startPromise = start(myToken).catch(() => {
            if (myToken === token) phase = "failed";
          });
        }
        return;
      }
      const hadConsent = consent;
      const sessionId = session && session.sampled ? session.id : null;
      const known = session !== null;
      // Order matters: stop collecting first, then delete, then tell the server.
      consent = false;
      teardown();
      storage.clear();
      session = null;
      phase = "idle";
      if (hadConsent && known) sendWithdrawal(deps.fetch, ctx, sessionId);
    },
    async trigger(reason, kind) {
      const id = await fire(reason, kind);
      if (id && kind !== "manual" && transport) {
        // The ticket (or the support code request) should find the session on the server: wait (a
        // bounded time) for the upload.
        const pending = transport.idle();
        await Promise.race([pending, new Promise<void>((resolve) => deps.setTimeout(resolve, TICKET_FLUSH_TIMEOUT_MS))]);
      }
      return { sessionId: id };
    },
    // Null while on a sensitive page too: nothing is recorded there.
    sessionId() {
      return consent && phase === "running" && !paused && session ? session.id : null;
    },
    // What this site's recording collects, for the support dialog: M3 whenever no unmasked copy
    // is collected (no vault key), whatever the site's setting says.
    maskingMode(): MaskingMode | null {
      return consent && phase === "running" && !paused && session && config ? (vaultKey ? config.maskingMode : "M3") : null;
    },
  };
}

function isActivity(event: ReplayEvent): boolean {
  if (event.type === META_EVENT || event.type === FULL_SNAPSHOT_EVENT) return true;
  if (event.type !== INCREMENTAL_EVENT) return false;
  const source = (event.data as { source?: unknown } | null)?.source;
  return typeof source === "number" && ACTIVITY_SOURCES.has(source);
}

// The vault copy is unmasked by design, but not S1: card numbers and IBANs are scrubbed by value
// before it is sealed, with the server's own module (passwords and payment fields are blocked at
// the source, one-time codes masked there). Nor is a page URL's query string or fragment (reset
// tokens, e-mail addresses) any part of what a replay needs.
function forVault(event: ReplayEvent): ReplayEvent {
  const data = event.data as { href?: unknown } | null;
  const stripped = event.type === META_EVENT && data && typeof data.href === "string" ? { ...event, data: { ...data, href: stripUrl(data.href) } } : event;
  return scrubSecrets(stripped).event;
}

// Bundle entry of public/sdk/replaydesk-recorder.js, loaded by the loader only after consent.
// Binds the recorder state machine (recorder-core.ts) to rrweb, the masker and the browser.
import { record } from "@rrweb/record";
import { createMasker, MEDIA_SELECTOR } from "../replay/masking";
import type { ReplayEvent } from "../replay/protocol";
import { S1_BLOCK_SELECTOR } from "../replay/sensitive";
import { nativeGzip } from "./compress";
import { createRecorderRuntime, type PageEvent } from "./recorder-core";
import { browserSessionStorage } from "./storage";

const DOCUMENT_EVENTS: ReadonlySet<PageEvent> = new Set(["visibilitychange"]);

function isValidSelector(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

function errorMessage(event: Event): string | undefined {
  if (event.type === "error") return (event as ErrorEvent).message;
  if (event.type !== "unhandledrejection") return undefined;
  const reason: unknown = (event as PromiseRejectionEvent).reason;
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : typeof reason === "string" ? reason : undefined;
}

window.Replaydesk?._attach((ctx) =>
  createRecorderRuntime(ctx, {
    now: () => Date.now(),
    randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
    fetch: (url, init) => fetch(url, init),
    keepaliveSupported: typeof Request !== "undefined" && "keepalive" in Request.prototype,
    sendBeacon: typeof navigator.sendBeacon === "function" ? (url, data) => navigator.sendBeacon(url, data) : null,
    storage: browserSessionStorage,
    record: (options) => record<ReplayEvent>(options),
    takeFullSnapshot: () => record.takeFullSnapshot(),
    addCustomEvent: (tag, payload) => record.addCustomEvent(tag, payload),
    createMasker: (rules) => createMasker(rules),
    alwaysBlockSelector: `${S1_BLOCK_SELECTOR},${MEDIA_SELECTOR}`,
    isValidSelector,
    // The sealing code is its own bundle, fetched on the first sealed batch (M1/M2 only).
    seal: async (publicKey, plaintext) => {
      const vault = await window.Replaydesk?._loadVault();
      if (!vault) throw new Error("The sealing code could not be loaded.");
      return vault.seal(publicKey, plaintext);
    },
    gzip: nativeGzip,
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    listen: (type, handler) => {
      const target: EventTarget = DOCUMENT_EVENTS.has(type) ? document : window;
      const listener = (event: Event) => handler({ persisted: (event as PageTransitionEvent).persisted, message: errorMessage(event) });
      target.addEventListener(type, listener);
      return () => target.removeEventListener(type, listener);
    },
    visibilityState: () => document.visibilityState,
    pageUrl: () => location.href,
    warn: (message) => console.warn(message),
  }),
);

// Bundle entry of public/sdk/replaydesk.js, the only script a publisher includes. Kept tiny
// (< 3 KB gzip, checked by scripts/build-sdk.mjs): it defines window.Replaydesk and loads the
// recorder only after consent, the support form only when asked for.
import { createLoader } from "./loader-core";
import { browserSessionStorage, createGatedStorage } from "./storage";
import type { ReplaydeskApi } from "./types";

declare const __REPLAYDESK_VERSION__: string;

declare global {
  interface Window {
    Replaydesk?: ReplaydeskApi;
  }
}

(() => {
  // Included twice: keep the first instance (it may already be recording).
  if (window.Replaydesk && typeof window.Replaydesk._attach === "function") return;
  const script = document.currentScript as HTMLScriptElement | null;
  let scriptBase: string | null = null;
  let scriptOrigin: string | null = null;
  try {
    const src = new URL(script?.src ?? "");
    scriptOrigin = src.origin;
    scriptBase = src.origin + src.pathname.replace(/[^/]*$/, "");
  } catch {
    // Bundled into the page instead of loaded by URL: init({ endpoint }) is then required.
  }
  let topFrame = false;
  try {
    topFrame = window.top === window;
  } catch {
    // Cross-origin parent: this is a frame.
  }
  const api = createLoader({
    scriptBase,
    scriptOrigin,
    loadScript: (url) =>
      new Promise((resolve, reject) => {
        const el = document.createElement("script");
        el.src = url;
        el.async = true;
        // Pages with a nonce-based CSP ('strict-dynamic') trust what a trusted script adds.
        if (script?.nonce) el.nonce = script.nonce;
        el.onload = () => resolve();
        el.onerror = () => reject(new Error("load failed"));
        (document.head || document.documentElement).appendChild(el);
      }),
    fetch: (url, init) => fetch(url, init),
    clearStorage: () => createGatedStorage(browserSessionStorage, () => false).clear(),
    pageUrl: () => location.href,
    canRecord: topFrame,
    version: __REPLAYDESK_VERSION__,
    warn: (message) => console.warn(message),
  });
  window.Replaydesk = api;
  const siteKey = script?.getAttribute("data-site-key");
  if (siteKey) api.init({ siteKey, endpoint: script?.getAttribute("data-endpoint") || undefined });
  // Site code that runs before this async script waits for this event (see docs/sdk.md).
  window.dispatchEvent(new Event("replaydesk:ready"));
})();

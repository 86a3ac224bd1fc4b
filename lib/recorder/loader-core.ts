import {
  API_PATHS,
  MAX_BANNER_VERSION_LENGTH,
  MAX_TRIGGER_REASON_LENGTH,
  MAX_USER_REF_LENGTH,
  SITE_KEY_PATTERN,
  type ErrorBody,
  type SupportCodeBody,
  type SupportCodeResponse,
  type TicketBody,
  type TicketResponse,
  type UserRef,
} from "../replay/protocol";
import { postInit, type FetchLike } from "./transport";
import type { InitOptions, RecorderContext, RecorderFactory, RecorderRuntime, ReplaydeskApi, TicketResult, VaultSealer } from "./types";
import { stripUrl } from "./url";

// What the loader needs from the page; the bundle entry (loader.ts) binds the real ones.
export type LoaderEnv = {
  // Directory of the loader's own URL ("https://desk.example/sdk/"): the other bundles sit there.
  scriptBase: string | null;
  // Origin of the loader's own URL: the default API endpoint.
  scriptOrigin: string | null;
  loadScript(url: string): Promise<void>;
  fetch: FetchLike;
  // Removes the SDK's sessionStorage keys without reading them (refusal / withdrawal).
  clearStorage(): void;
  pageUrl(): string;
  // Only the top-level page records: a framed page of the same site would record twice.
  canRecord: boolean;
  version: string;
  warn(message: string): void;
};

const LOAD_TIMEOUT_MS = 15_000;

export class ReplaydeskError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// The public API. Before consent it touches no storage and sends no request: it only remembers
// the options. Consent loads the recorder bundle, which does the rest.
export function createLoader(env: LoaderEnv): ReplaydeskApi {
  let ctx: RecorderContext | null = null;
  let consent = false;
  let runtime: RecorderRuntime | null = null;
  let recorder: Promise<RecorderRuntime | null> | null = null;
  let onRecorder: ((runtime: RecorderRuntime | null) => void) | null = null;
  let openSupport: ((api: ReplaydeskApi) => void) | null = null;
  let supportLoading = false;
  let vault: Promise<VaultSealer | null> | null = null;
  let onVault: ((vault: VaultSealer | null) => void) | null = null;

  function bundleUrl(name: string): string | null {
    return env.scriptBase ? `${env.scriptBase}${name}?v=${env.version}` : null;
  }

  function loadRecorder(): Promise<RecorderRuntime | null> {
    if (!recorder) {
      const url = bundleUrl("replaydesk-recorder.js");
      recorder = new Promise((resolve) => {
        onRecorder = resolve;
        if (!url) return resolve(null);
        env.loadScript(url).catch(() => resolve(null));
        setTimeout(() => resolve(runtime), LOAD_TIMEOUT_MS);
      });
      // A failed load may be retried on the next consent or trigger.
      recorder.then((r) => {
        if (!r) recorder = null;
      });
    }
    return recorder;
  }

  function start(): void {
    if (ctx && consent && env.canRecord) void loadRecorder().then((r) => r?.setConsent(consent));
  }

  const api: ReplaydeskApi = {
    init(options) {
      const siteKey = options && options.siteKey;
      if (typeof siteKey !== "string" || !SITE_KEY_PATTERN.test(siteKey)) {
        return env.warn("Replaydesk.init: siteKey must look like pk_...");
      }
      if (ctx && ctx.siteKey !== siteKey) return env.warn("Replaydesk.init: already initialised for another site");
      const endpoint = (options.endpoint || env.scriptOrigin || "").replace(/\/+$/, "");
      if (!/^https?:\/\//.test(endpoint)) return env.warn("Replaydesk.init: no endpoint");
      const user = validUser(options.user);
      const bannerVersion =
        typeof options.bannerVersion === "string" ? options.bannerVersion.slice(0, MAX_BANNER_VERSION_LENGTH) : undefined;
      // Later init calls fill in (e.g. the user after a sign-in): the context object is updated in
      // place because a running recorder reads it for every batch.
      const next: RecorderContext = { siteKey, endpoint };
      if (user) next.user = user;
      if (bannerVersion) next.bannerVersion = bannerVersion;
      if (ctx) Object.assign(ctx, next);
      else ctx = next;
      if (options.consent === true) api.setConsent(true);
      else start();
    },

    setConsent(granted) {
      const next = granted === true;
      if (next && !consent) {
        consent = true;
        start();
      } else if (!next) {
        consent = false;
        // Withdrawal: the recorder stops, deletes its keys and tells the server. Without a
        // recorder on this page, keys another page of this tab may have written are deleted
        // (removeItem only: nothing is read).
        if (runtime) runtime.setConsent(false);
        else env.clearStorage();
      }
    },

    async trigger(reason) {
      const r = ctx && consent && env.canRecord ? await loadRecorder() : null;
      if (!r || !consent) return { sessionId: null };
      return r.trigger(String(reason ?? "manual").slice(0, MAX_TRIGGER_REASON_LENGTH), "manual");
    },

    async supportCode() {
      const r = ctx && consent && env.canRecord ? await loadRecorder() : null;
      const sessionId = r && consent ? (await r.trigger("code", "code")).sessionId : null;
      if (!sessionId) return null;
      const body: SupportCodeBody = { siteKey: ctx!.siteKey, sessionId };
      // A network failure rejects; a refusal (site without "code", session not uploaded) is null.
      const res = await env.fetch(ctx!.endpoint + API_PATHS.supportCodes, postInit(JSON.stringify(body), false));
      const data = res.ok ? ((await res.json()) as SupportCodeResponse) : null;
      return data ? data.code : null;
    },

    async submitTicket(input) {
      if (!ctx) throw new ReplaydeskError("not_initialised", "Replaydesk is not initialised.");
      const c = ctx;
      let sessionId: string | null = null;
      if (consent && env.canRecord) {
        const r = await loadRecorder();
        // Uploads the session first, so the ticket can point at it.
        if (r && consent) sessionId = (await r.trigger("ticket", "ticket")).sessionId;
      }
      // The caller's fields as given (the server validates each, and drops unknown ones).
      const body: TicketBody = { ...input, siteKey: c.siteKey, sessionId, pageUrl: stripUrl(env.pageUrl()) };
      let res: Awaited<ReturnType<FetchLike>>;
      try {
        res = await env.fetch(c.endpoint + API_PATHS.tickets, postInit(JSON.stringify(body), false));
      } catch {
        throw new ReplaydeskError("network", "The request could not be sent. Check your connection and try again.");
      }
      const data = (await res.json().catch(() => null)) as Partial<TicketResponse & ErrorBody> | null;
      if (!res.ok || !data || typeof data.ticketId !== "string" || typeof data.ticketUrl !== "string") {
        throw new ReplaydeskError(
          data?.error?.code ?? "http_" + res.status,
          data?.error?.message ?? "The request could not be sent. Please try again later.",
        );
      }
      const result: TicketResult = { ticketId: data.ticketId, ticketUrl: data.ticketUrl };
      return result;
    },

    openSupport() {
      if (openSupport) return openSupport(api);
      const url = bundleUrl("replaydesk-support.js");
      if (!url || supportLoading) return;
      supportLoading = true;
      env.loadScript(url).then(
        () => {
          supportLoading = false;
        },
        () => {
          supportLoading = false;
          env.warn("Replaydesk: the support form could not be loaded");
        },
      );
    },

    sessionId() {
      return consent && runtime ? runtime.sessionId() : null;
    },

    _maskingMode() {
      return consent && runtime ? runtime.maskingMode() : null;
    },

    _attach(factory: RecorderFactory) {
      if (runtime || !ctx) return;
      runtime = factory(ctx);
      onRecorder?.(runtime);
    },

    _attachVault(sealer) {
      onVault?.(sealer);
    },

    _loadVault() {
      if (!vault) {
        const url = bundleUrl("replaydesk-vault.js");
        vault = new Promise((resolve) => {
          onVault = resolve;
          if (!url) return resolve(null);
          env.loadScript(url).catch(() => resolve(null));
          setTimeout(() => resolve(null), LOAD_TIMEOUT_MS);
        });
        // A failed load may be retried by the next batch.
        vault.then((v) => {
          if (!v) vault = null;
        });
      }
      return vault;
    },

    _attachSupport(open) {
      const first = !openSupport;
      openSupport = open;
      // Loaded because openSupport() was called: open it now.
      if (first) open(api);
    },
  };
  return api;
}

function validUser(user: InitOptions["user"]): UserRef | null {
  if (!user || typeof user !== "object") return null;
  if ("pseudonym" in user && typeof user.pseudonym === "string" && user.pseudonym && user.pseudonym.length <= MAX_USER_REF_LENGTH) {
    // The backend's signature is what makes the pseudonym link this visitor's recordings.
    const { signature } = user;
    return typeof signature === "string" && signature.length <= MAX_USER_REF_LENGTH ? { pseudonym: user.pseudonym, signature } : { pseudonym: user.pseudonym };
  }
  if ("id" in user && typeof user.id === "string" && user.id && user.id.length <= MAX_USER_REF_LENGTH) {
    return { id: user.id };
  }
  return null;
}

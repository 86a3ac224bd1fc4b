import { describe, expect, it, vi } from "vitest";
import { createLoader, type LoaderEnv } from "@/lib/recorder/loader-core";
import type { RecorderContext, RecorderRuntime, ReplaydeskApi } from "@/lib/recorder/types";
import type { MaskingMode } from "@/lib/replay/protocol";
import { bodyText, fakeFetch, settle } from "./fakes";

const SITE_KEY = "pk_0123456789abcdef0123456789abcdef";

function setup(overrides: Partial<LoaderEnv> = {}) {
  const net = fakeFetch((url) =>
    url.endsWith("/api/v1/tickets")
      ? { status: 201, body: { ticketId: "t_1", ticketUrl: "https://desk.test/support/tickets/t_1", sessionId: null } }
      : url.endsWith("/api/v1/support-codes")
        ? { status: 201, body: { code: "RD-7KQ2-M9XF" } }
        : { status: 201, body: {} },
  );
  const loadScript = vi.fn(async (url: string): Promise<void> => void url);
  const clearStorage = vi.fn();
  const warn = vi.fn();
  const api = createLoader({
    scriptBase: "https://desk.test/sdk/",
    scriptOrigin: "https://desk.test",
    loadScript,
    fetch: net.fetch,
    clearStorage,
    pageUrl: () => "https://shop.test/checkout?email=jane@example.com#step2",
    canRecord: true,
    version: "v1",
    warn,
    ...overrides,
  });
  return { api, net, loadScript, clearStorage, warn };
}

function fakeRuntime(sessionId: string | null = "s_AAAAAAAAAAAAAAAAAAAAAA") {
  const runtime = {
    setConsent: vi.fn(),
    trigger: vi.fn(async () => ({ sessionId })),
    sessionId: vi.fn(() => sessionId),
    maskingMode: vi.fn((): MaskingMode | null => "M1"),
  } satisfies RecorderRuntime;
  const contexts: RecorderContext[] = [];
  const factory = (ctx: RecorderContext) => {
    contexts.push(ctx);
    return runtime;
  };
  return { runtime, factory, contexts };
}

describe("loader before consent", () => {
  it("sends nothing, loads nothing and touches no storage", async () => {
    const { api, net, loadScript, clearStorage } = setup();
    api.init({ siteKey: SITE_KEY });
    expect(await api.trigger("x")).toEqual({ sessionId: null });
    expect(api.sessionId()).toBeNull();
    await settle();
    expect(net.calls).toHaveLength(0);
    expect(loadScript).not.toHaveBeenCalled();
    expect(clearStorage).not.toHaveBeenCalled();
  });

  it("refuses malformed site keys", () => {
    const { api, warn, loadScript } = setup();
    api.init({ siteKey: "pk_<script>" });
    api.setConsent(true);
    expect(warn).toHaveBeenCalled();
    expect(loadScript).not.toHaveBeenCalled();
  });

  it("a refusal only deletes SDK keys (removeItem), it does not load the recorder", () => {
    const { api, loadScript, clearStorage, net } = setup();
    api.init({ siteKey: SITE_KEY });
    api.setConsent(false);
    expect(clearStorage).toHaveBeenCalledTimes(1);
    expect(loadScript).not.toHaveBeenCalled();
    expect(net.calls).toHaveLength(0);
  });
});

describe("loader with consent", () => {
  function consented(opts: Parameters<ReplaydeskApi["init"]>[0] = { siteKey: SITE_KEY }) {
    const env = setup();
    const rt = fakeRuntime();
    env.loadScript.mockImplementation(async () => env.api._attach(rt.factory));
    env.api.init(opts);
    env.api.setConsent(true);
    return { ...env, ...rt };
  }

  it("loads the recorder from the script's directory and hands it the options", async () => {
    const { loadScript, contexts, runtime } = consented({ siteKey: SITE_KEY, user: { pseudonym: "ps_abc" }, bannerVersion: "2026-01" });
    await settle();
    expect(loadScript).toHaveBeenCalledWith("https://desk.test/sdk/replaydesk-recorder.js?v=v1");
    expect(contexts).toEqual([{ siteKey: SITE_KEY, endpoint: "https://desk.test", user: { pseudonym: "ps_abc" }, bannerVersion: "2026-01" }]);
    expect(runtime.setConsent).toHaveBeenLastCalledWith(true);
  });

  it("init({ consent: true }) is the same as setConsent(true); consent before init waits for init", async () => {
    const env = setup();
    const rt = fakeRuntime();
    env.loadScript.mockImplementation(async () => env.api._attach(rt.factory));
    env.api.setConsent(true);
    await settle();
    expect(env.loadScript).not.toHaveBeenCalled();
    env.api.init({ siteKey: SITE_KEY });
    await settle();
    expect(env.loadScript).toHaveBeenCalledTimes(1);
  });

  it("withdrawal goes to the recorder, which deletes and tells the server", async () => {
    const { api, runtime, clearStorage } = consented();
    await settle();
    expect(api._maskingMode()).toBe("M1");
    api.setConsent(false);
    expect(api._maskingMode()).toBeNull();
    expect(runtime.setConsent).toHaveBeenLastCalledWith(false);
    expect(api.sessionId()).toBeNull();
    expect(clearStorage).not.toHaveBeenCalled();
  });

  it("submitTicket uploads the session first, then posts the ticket with its id", async () => {
    const { api, runtime, net } = consented();
    const result = await api.submitTicket({ email: "jane@example.com", subject: "Order", message: "It fails" });
    expect(runtime.trigger).toHaveBeenCalledWith("ticket", "ticket");
    expect(result).toEqual({ ticketId: "t_1", ticketUrl: "https://desk.test/support/tickets/t_1" });
    const call = net.calls.find((c) => c.url === "https://desk.test/api/v1/tickets")!;
    expect(JSON.parse(bodyText(call))).toEqual({
      siteKey: SITE_KEY,
      sessionId: "s_AAAAAAAAAAAAAAAAAAAAAA",
      email: "jane@example.com",
      subject: "Order",
      message: "It fails",
      pageUrl: "https://shop.test/checkout",
    });
    expect(call.init).toMatchObject({ credentials: "omit", headers: { "Content-Type": "text/plain" } });
  });
});

describe("supportCode", () => {
  it("uploads the session (trigger code), then asks the server for the session's code", async () => {
    const env = setup();
    const rt = fakeRuntime();
    env.loadScript.mockImplementation(async () => env.api._attach(rt.factory));
    env.api.init({ siteKey: SITE_KEY, consent: true });
    expect(await env.api.supportCode()).toBe("RD-7KQ2-M9XF");
    expect(rt.runtime.trigger).toHaveBeenCalledWith("code", "code");
    const call = env.net.calls.find((c) => c.url === "https://desk.test/api/v1/support-codes")!;
    expect(JSON.parse(bodyText(call))).toEqual({ siteKey: SITE_KEY, sessionId: "s_AAAAAAAAAAAAAAAAAAAAAA" });
    expect(call.init).toMatchObject({ credentials: "omit", headers: { "Content-Type": "text/plain" } });
  });

  it("is null without consent, without an uploaded session, or when the server refuses", async () => {
    const before = setup();
    before.api.init({ siteKey: SITE_KEY });
    expect(await before.api.supportCode()).toBeNull();
    expect(before.loadScript).not.toHaveBeenCalled();

    const off = setup();
    const none = fakeRuntime(null);
    off.loadScript.mockImplementation(async () => off.api._attach(none.factory));
    off.api.init({ siteKey: SITE_KEY, consent: true });
    expect(await off.api.supportCode()).toBeNull();
    expect(off.net.calls.filter((c) => c.url.endsWith("/api/v1/support-codes"))).toHaveLength(0);

    const refused = setup({ fetch: fakeFetch(() => ({ status: 403, body: { error: { code: "forbidden", message: "no" } } })).fetch });
    const rt = fakeRuntime();
    refused.loadScript.mockImplementation(async () => refused.api._attach(rt.factory));
    refused.api.init({ siteKey: SITE_KEY, consent: true });
    expect(await refused.api.supportCode()).toBeNull();
  });
});

describe("support without recording consent", () => {
  it("posts the ticket with sessionId null and never loads the recorder", async () => {
    const { api, net, loadScript } = setup();
    api.init({ siteKey: SITE_KEY });
    await api.submitTicket({ email: "a@b.co", subject: "Help", message: "Hi" });
    expect(loadScript).not.toHaveBeenCalled();
    expect(JSON.parse(bodyText(net.calls[0]!)).sessionId).toBeNull();
  });

  it("surfaces the server's error message", async () => {
    const net = fakeFetch(() => ({ status: 400, body: { error: { code: "bad_request", message: "email: must be an email address" } } }));
    const { api } = setup({ fetch: net.fetch });
    api.init({ siteKey: SITE_KEY });
    await expect(api.submitTicket({ email: "x", subject: "Help", message: "Hi" })).rejects.toMatchObject({
      code: "bad_request",
      message: "email: must be an email address",
    });
  });

  it("openSupport loads the support bundle once, which then opens", async () => {
    const { api, loadScript } = setup();
    const open = vi.fn();
    loadScript.mockImplementation(async () => api._attachSupport(open));
    api.init({ siteKey: SITE_KEY });
    api.openSupport();
    await settle();
    api.openSupport();
    expect(loadScript).toHaveBeenCalledTimes(1);
    expect(loadScript).toHaveBeenCalledWith("https://desk.test/sdk/replaydesk-support.js?v=v1");
    expect(open).toHaveBeenCalledTimes(2);
  });
});

describe("the vault bundle (M1/M2 sealing)", () => {
  it("is loaded once, on the first request, and a failed load can be retried", async () => {
    const { api, loadScript } = setup();
    const sealer = { seal: vi.fn(async () => "c2VhbGVk") };
    loadScript.mockImplementationOnce(async () => Promise.reject(new Error("offline")));
    expect(await api._loadVault()).toBeNull();
    loadScript.mockImplementation(async () => api._attachVault(sealer));
    expect(await api._loadVault()).toBe(sealer);
    expect(await api._loadVault()).toBe(sealer);
    expect(loadScript).toHaveBeenCalledTimes(2);
    expect(loadScript).toHaveBeenLastCalledWith("https://desk.test/sdk/replaydesk-vault.js?v=v1");
  });
});

describe("framed pages", () => {
  it("never record", async () => {
    const { api, loadScript } = setup({ canRecord: false });
    api.init({ siteKey: SITE_KEY, consent: true });
    await settle();
    expect(loadScript).not.toHaveBeenCalled();
  });
});

describe("init called again", () => {
  it("adds the user to the running recorder's context", async () => {
    const env = setup();
    const rt = fakeRuntime();
    env.loadScript.mockImplementation(async () => env.api._attach(rt.factory));
    env.api.init({ siteKey: SITE_KEY, consent: true });
    await settle();
    env.api.init({ siteKey: SITE_KEY, user: { pseudonym: "ps_x" } });
    expect(rt.contexts[0]?.user).toEqual({ pseudonym: "ps_x" });
    // The backend's signature travels with the pseudonym (it is what makes it link recordings).
    env.api.init({ siteKey: SITE_KEY, user: { pseudonym: "ps_x", signature: "1893456000.sig" } });
    expect(rt.contexts[0]?.user).toEqual({ pseudonym: "ps_x", signature: "1893456000.sig" });
    env.api.init({ siteKey: SITE_KEY, user: { pseudonym: "ps_y", signature: 42 } as never });
    expect(rt.contexts[0]?.user).toEqual({ pseudonym: "ps_y" });
    env.api.init({ siteKey: "pk_ffffffffffffffffffffffff" });
    expect(env.warn).toHaveBeenCalled();
  });
});

import { describe, expect, it } from "vitest";
import { checkWebhookUrlShape, isInternalAddress, parseAllowedHosts, resolveWebhookTarget } from "@/lib/webhooks/ssrf-guard";
import { newWebhookSecret, signWebhook, verifyWebhook } from "@/lib/webhooks/signature";

const none = new Set<string>();

describe("the webhook URL guard", () => {
  it("knows internal addresses from public ones", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "::", "fd00::1", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "not-an-ip"]) {
      expect(isInternalAddress(a), a).toBe(true);
    }
    for (const a of ["93.184.216.34", "172.32.0.1", "100.128.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"]) expect(isInternalAddress(a), a).toBe(false);
  });

  it("wants https, except http for an allow-listed host, and no credentials", () => {
    expect(checkWebhookUrlShape("http://hooks.example/x", none)).toMatchObject({ ok: false, reason: expect.stringMatching(/https/) });
    expect(checkWebhookUrlShape("http://hooks.example/x", parseAllowedHosts(" Hooks.example ,other"))).toMatchObject({ ok: true, allowListed: true });
    expect(checkWebhookUrlShape("ftp://hooks.example/x", none)).toMatchObject({ ok: false });
    expect(checkWebhookUrlShape("https://u:p@hooks.example/x", none)).toMatchObject({ ok: false, reason: expect.stringMatching(/password/) });
    expect(checkWebhookUrlShape("not a url", none)).toMatchObject({ ok: false });
    expect(checkWebhookUrlShape("https://hooks.example/x", none)).toMatchObject({ ok: true, host: "hooks.example", allowListed: false });
  });

  it("refuses loopback, private and link-local targets without the allow-list, admits them with it", async () => {
    for (const url of ["https://127.0.0.1/hook", "https://10.0.0.7/hook", "https://169.254.169.254/latest", "https://[::1]/hook", "https://localhost/hook"]) {
      await expect(resolveWebhookTarget(url, none), url).rejects.toThrow(/loopback, private or reserved/);
    }
    const allowed = parseAllowedHosts("127.0.0.1,10.0.0.7,169.254.169.254,::1");
    expect(await resolveWebhookTarget("http://127.0.0.1:4800/hook", allowed)).toMatchObject({ address: "127.0.0.1", family: 4 });
    expect(await resolveWebhookTarget("https://10.0.0.7/hook", allowed)).toMatchObject({ address: "10.0.0.7" });
    expect(await resolveWebhookTarget("https://169.254.169.254/x", allowed)).toMatchObject({ address: "169.254.169.254" });
    expect(await resolveWebhookTarget("http://[::1]:4800/hook", allowed)).toMatchObject({ address: "::1", family: 6 });
  });
});

describe("Standard Webhooks signatures", () => {
  it("verify with the secret that signed, not with another, nor over another body or id", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const sig = signWebhook(secret, "job1", 1_700_000_000, '{"a":1}');
    const headers = { id: "job1", timestamp: "1700000000", signature: sig };
    expect(verifyWebhook(secret, headers, '{"a":1}')).toBe(true);
    expect(verifyWebhook(secret, { ...headers, signature: `v1,bogus ${sig}` }, '{"a":1}')).toBe(true);
    expect(verifyWebhook(newWebhookSecret(), headers, '{"a":1}')).toBe(false);
    expect(verifyWebhook(secret, headers, '{"a":2}')).toBe(false);
    expect(verifyWebhook(secret, { ...headers, id: "job2" }, '{"a":1}')).toBe(false);
  });

  it("matches the Standard Webhooks reference vector", () => {
    // From the specification's reference libraries (standard-webhooks, test vectors).
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    expect(signWebhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });
});

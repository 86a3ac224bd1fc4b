import { expect, test, type Page } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { captureRequestBodies, leaks, NEVER_COLLECTED, SECRETS, typeSecrets } from "./fixtures/secrets";
import { createTestSite } from "./fixtures/sites";

const sdkStorage = (page: Page) =>
  page.evaluate(() => ({
    session: Object.keys(sessionStorage),
    local: Object.keys(localStorage).filter((k) => k.toLowerCase().includes("replaydesk")),
  }));

test.describe("the recorder SDK on a publisher's page", () => {
  test("before consent: no request, no recorder download, no cookie, no storage", async ({ page, context }) => {
    const urls: string[] = [];
    const cspViolations: string[] = [];
    page.on("request", (r) => urls.push(new URL(r.url()).pathname));
    page.on("console", (m) => {
      if (m.text().includes("Content Security Policy")) cspViolations.push(m.text());
    });
    await page.goto("/demo/shop");
    await expect(page.getByTestId("consent-banner")).toBeVisible();
    await typeSecrets(page);
    await page.locator("button.add").first().click();
    await page.waitForLoadState("networkidle");
    expect(urls.filter((u) => u.startsWith("/api/"))).toEqual([]);
    expect(urls).not.toContain("/sdk/replaydesk-recorder.js");
    expect(await context.cookies()).toEqual([]);
    expect(await sdkStorage(page)).toEqual({ session: [], local: [] });
    // The page, its consent manager and the SDK all work under a strict CSP (no inline code).
    expect(cspViolations).toEqual([]);
  });

  test("after consent: buffered until the trigger (L2), masked on the wire (M0/M3), secrets never sent (S1)", async ({ page }) => {
    const sent = captureRequestBodies(page);
    await page.goto("/demo/shop");
    await page.getByTestId("consent-accept").click();
    await typeSecrets(page);
    await page.locator("button.add").first().click();
    await page.waitForLoadState("networkidle");
    // Consent is recorded, the configuration fetched; no event leaves before a trigger.
    expect(sent.bodies.filter((b) => b.url.includes("/api/v1/ingest"))).toEqual([]);
    const buffered = await page.evaluate(() => Object.values(sessionStorage).join("\n"));
    expect(leaks([buffered], Object.values(SECRETS)), "secrets in the sessionStorage buffer").toEqual([]);

    await page.evaluate(() => (window as unknown as { Replaydesk: { trigger(r: string): Promise<unknown> } }).Replaydesk.trigger("manual"));
    await expect.poll(() => sent.bodies.filter((b) => b.url.includes("/api/v1/ingest")).length).toBeGreaterThan(0);
    // Each upload carries the proof the consent call answered, and the trigger's kind (privacy point 3).
    const consentCall = sent.bodies.find((b) => b.url.includes("/api/v1/consent"))!;
    expect(JSON.parse(consentCall.text)).toMatchObject({ granted: true, bannerVersion: "demo-shop-banner-2026-11" });
    const first = JSON.parse(sent.bodies.find((b) => b.url.includes("/api/v1/ingest"))!.text) as { consent: string; trigger?: { kind: string } };
    expect(first.consent).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(first.trigger).toMatchObject({ kind: "manual" });
    const all = sent.bodies.map((b) => b.text);
    expect(all.join("").length).toBeGreaterThan(1000);
    expect(leaks(all, Object.values(SECRETS)), "secrets in request bodies").toEqual([]);
    // The publisher's opted-in text (data-replay-unmask) does travel: masking is not all-or-nothing.
    const productName = (await page.locator(".product h3").first().textContent())!.trim();
    expect(all.some((t) => t.includes(productName))).toBe(true);
  });

  test("withdrawal stops recording, clears the SDK's storage and deletes the session's server data", async ({ browser }) => {
    const adminContext = await browser.newContext();
    await signInOverHttp(adminContext, "admin@demo.test");
    const site = await createTestSite(adminContext.request, { recordingMode: "stream", retentionJustification: "" });

    const context = await browser.newContext();
    const page = await context.newPage();
    const sent = captureRequestBodies(page);
    await page.goto(`/demo/shop?siteKey=${site.publicKey}`);
    await page.getByTestId("consent-accept").click();
    await page.locator("button.add").first().click();
    // Streaming mode uploads untriggered data from the start.
    await expect.poll(() => sent.bodies.filter((b) => b.url.includes("/api/v1/ingest")).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const upload = sent.bodies.find((b) => b.url.includes("/api/v1/ingest"))!;
    const { sessionId } = JSON.parse(upload.text) as { sessionId: string };
    expect((await sdkStorage(page)).session.length).toBeGreaterThan(0);

    await page.getByTestId("privacy-settings").click();
    await page.getByTestId("prefs-refuse").click();
    await expect.poll(() => sent.bodies.some((b) => b.url.includes("/api/v1/consent") && b.text.includes('"granted":false') && b.text.includes(sessionId))).toBe(true);
    expect(await sdkStorage(page)).toEqual({ session: [], local: [] });

    const countAfter = sent.bodies.length;
    await page.locator("button.add").first().click();
    await typeSecrets(page);
    await page.waitForLoadState("networkidle");
    expect(sent.bodies.slice(countAfter).filter((b) => b.url.includes("/api/v1/"))).toEqual([]);

    // The server deleted that session, and its consent is withdrawn: its id (with its proof)
    // cannot be recorded into again.
    const replay = await context.request.post("/api/v1/ingest", { headers: { origin: process.env.E2E_BASE_URL!, "content-type": "text/plain" }, data: upload.text.replace('"seq":0', '"seq":99') });
    expect(replay.status()).toBe(403);
    expect(((await replay.json()) as { error: { message: string } }).error.message).toMatch(/withdrawn/);
    await Promise.all([context.close(), adminContext.close()]);
  });

  test("on an M2 site the password and card values appear in no request body", async ({ browser }) => {
    const adminContext = await browser.newContext();
    await signInOverHttp(adminContext, "admin@demo.test");
    // The page triggers with the SDK's manual trigger, off by default on new sites (privacy point 8).
    const site = await createTestSite(adminContext.request, { maskingMode: "M2", triggers: ["ticket", "manual"] });
    const page = await (await browser.newContext()).newPage();
    const sent = captureRequestBodies(page);
    await page.goto(`/demo/shop?siteKey=${site.publicKey}`);
    await page.getByTestId("consent-accept").click();
    await typeSecrets(page);
    await page.evaluate(() => (window as unknown as { Replaydesk: { trigger(r: string): Promise<unknown> } }).Replaydesk.trigger("manual"));
    await expect.poll(() => sent.bodies.some((b) => b.url.includes("/api/v1/ingest") && b.text.includes('"vault"'))).toBe(true);
    expect(leaks(sent.bodies.map((b) => b.text), NEVER_COLLECTED)).toEqual([]);
    await adminContext.close();
  });
});

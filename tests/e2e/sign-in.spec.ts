import { randomBytes } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";
import { requestMagicLink, sessionStateFor } from "./fixtures/auth";
import { mailFiles, mailSince, waitForMail } from "./fixtures/mail";

const DEMO = [
  { email: "admin@demo.test", roles: ["customer", "admin"] },
  { email: "supervisor@demo.test", roles: ["customer", "supervisor"] },
  { email: "agent@demo.test", roles: ["customer", "agent"] },
  { email: "customer@demo.test", roles: ["customer"] },
];

const signInLinks = (page: Page) => page.getByRole("link", { name: "Your Replaydesk sign-in link" });

async function mailCount(page: Page, email: string): Promise<number> {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  return signInLinks(page).count();
}

// Asks for a link on the sign-in page, opens this request's own mail in /dev/mailbox (other tests
// leave used links for the same account there, and delivery takes a moment), follows its link and
// confirms on the page it opens.
async function requestAndOpenLink(page: Page, email: string): Promise<string> {
  const before = await mailCount(page, email);
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "dev mailbox" }).click();
  await expect.poll(() => mailCount(page, email)).toBeGreaterThan(before);
  await signInLinks(page).first().click();
  const link = page.getByTestId("mail-text").getByRole("link").first();
  const href = (await link.getAttribute("href"))!;
  await link.click();
  await expect(page.getByTestId("confirm-email")).toHaveText(email);
  await page.getByRole("button", { name: `Sign in as ${email}` }).click();
  return href;
}

test.describe("magic-link sign-in through the dev mailbox", () => {
  for (const account of DEMO) {
    test(`${account.email} signs in with a link from /dev/mailbox`, async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Try it locally" })).toBeVisible();
      await expect(page.getByRole("link", { name: "sign-in page" })).toHaveAttribute("href", "/signin");

      await requestAndOpenLink(page, account.email);
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByTestId("account-email")).toHaveText(account.email);
      for (const role of account.roles) await expect(page.getByTestId("account-roles")).toContainText(role);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    });
  }

  test("a used link does not sign in twice, and bad input is explained", async ({ page, context }) => {
    await page.goto("/signin");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Enter a valid email address");

    const link = await requestAndOpenLink(page, "customer@demo.test");
    await expect(page).toHaveURL(/\/account$/);
    await context.clearCookies();
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in as customer@demo.test" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("expired or was already used");
  });

  test("pages send a nonce-based CSP and the security headers", async ({ request }) => {
    const res = await request.get("/");
    const csp = res.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers()["referrer-policy"]).toBe("no-referrer");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  });
});

// Findings of the security review (docs/security.md): each test failed before its fix.
test.describe("sign-in hardening", () => {
  const hex = () => randomBytes(4).toString("hex");

  test("a magic link opened from another site does not sign in; the confirmation page's button does (finding L6)", async ({ browser, baseURL }) => {
    const email = `l6-${hex()}@example.test`;
    const asker = await playwrightRequest.newContext({ baseURL });
    const link = await requestMagicLink(asker, email);
    await asker.dispose();
    const fields = new URLSearchParams(new URL(link).hash.slice(1));
    // The attacker's pages, on another site (127.0.0.1 is not the same site as localhost), with the
    // attacker's own link: a form posting its fields to next-auth's callback, and a top-level
    // navigation to the callback as next-auth builds it (a GET with the token in the query).
    const attacker = `http://127.0.0.1:${new URL(baseURL!).port}/attacker`;
    const inputs = [...fields].map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/"/g, "&quot;")}">`).join("");
    const pages: Record<string, string> = {
      post: `<form method="post" action="${baseURL}/api/auth/callback/email">${inputs}</form><script>document.forms[0].submit()</script>`,
      go: `<script>location.href = ${JSON.stringify(`${baseURL}/api/auth/callback/email?${fields}`)}</script>`,
    };
    const context = await browser.newContext();
    await context.route(`${attacker}/*`, (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><body>${pages[new URL(route.request().url()).pathname.split("/").pop()!]}</body>` }));
    const page = await context.newPage();
    const onApp = (u: URL) => u.origin === new URL(baseURL!).origin;

    await page.goto(`${attacker}/post`);
    await page.waitForURL(onApp);
    expect((await context.request.get("/api/v1/me")).status(), "signed in by a cross-site POST").toBe(401);

    await page.goto(`${attacker}/go`);
    await page.waitForURL((u) => onApp(u) && u.pathname === "/signin/confirm");
    expect((await context.request.get("/api/v1/me")).status(), "signed in by a cross-site GET of the link").toBe(401);
    await expect(page.getByRole("heading", { name: "Sign in to Replaydesk?" })).toBeVisible();
    await expect(page.getByTestId("confirm-email")).toHaveText(email);
    await page.getByRole("button", { name: `Sign in as ${email}` }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId("account-email")).toHaveText(email);
    await context.close();
  });

  test("a deactivated account gets the same answer as any other, and no sign-in link (finding L8)", async ({ baseURL }) => {
    const origin = { origin: baseURL! };
    const admin = await playwrightRequest.newContext({ baseURL, storageState: await sessionStateFor("admin@demo.test") });
    const deactivated = `l8-${hex()}@e2e.example`;
    const beforeInvite = await mailFiles();
    const invited = await admin.post("/api/v1/admin/users", { headers: origin, data: { email: deactivated, role: "agent" } });
    expect(invited.status(), await invited.text()).toBe(201);
    const { userId } = (await invited.json()) as { userId: string };
    // The invitation leaves through the outbox: let it arrive, so only the sign-in answer follows.
    await waitForMail(deactivated, beforeInvite, /invited/i);
    expect((await admin.patch(`/api/v1/admin/users/${userId}`, { headers: origin, data: { active: false } })).status()).toBe(200);
    await admin.dispose();

    const anon = await playwrightRequest.newContext({ baseURL });
    const ask = async (request: APIRequestContext, email: string) => {
      const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await request.post("/api/auth/signin/email", { form: { email, csrfToken, callbackUrl: "/account", json: "true" } });
      return { status: res.status(), url: ((await res.json()) as { url: string }).url };
    };
    const before = await mailFiles();
    const unknown = `l8-new-${hex()}@e2e.example`;
    const answers = [await ask(anon, deactivated), await ask(anon, unknown)];
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.url).toContain("/api/auth/verify-request");
    // next-auth answers once the email is handed to the mail server: both are there. The
    // deactivated account's (sent so that both answers take as long) carries no link.
    await waitForMail(unknown, before, /sign-in link/i);
    const toDeactivated = (await mailSince(before)).filter((m) => m.to.includes(deactivated));
    expect(toDeactivated.map((m) => m.subject)).toEqual(["Your Replaydesk sign-in request"]);
    expect(toDeactivated[0]!.text).toContain("deactivated");
    expect(toDeactivated[0]!.text).not.toMatch(/https?:\/\//);
    await anon.dispose();
  });

  test("prefetch requests get the CSP too (finding L10)", async ({ request }) => {
    const prefetches: Record<string, string>[] = [{ purpose: "prefetch" }, { "sec-purpose": "prefetch" }, { "next-router-prefetch": "1" }];
    for (const headers of prefetches) {
      const res = await request.get("/signin", { headers });
      expect(res.headers()["content-security-policy"] ?? "", JSON.stringify(headers)).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    }
  });
});

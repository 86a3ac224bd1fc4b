import { expect, test, type Page } from "@playwright/test";

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

// Asks for a link on the sign-in page, then opens this request's own mail in /dev/mailbox (other
// tests leave used links for the same account there, and delivery takes a moment).
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

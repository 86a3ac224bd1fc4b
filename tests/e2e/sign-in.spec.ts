import { expect, test } from "@playwright/test";

const DEMO = [
  { email: "admin@demo.test", roles: ["customer", "admin"] },
  { email: "supervisor@demo.test", roles: ["customer", "supervisor"] },
  { email: "agent@demo.test", roles: ["customer", "agent"] },
  { email: "customer@demo.test", roles: ["customer"] },
];

test.describe("magic-link sign-in through the dev mailbox", () => {
  for (const account of DEMO) {
    test(`${account.email} signs in with a link from /dev/mailbox`, async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Try it locally" })).toBeVisible();
      await page.getByRole("link", { name: "sign-in page" }).click();

      await page.getByLabel("Email address").fill(account.email);
      await page.getByRole("button", { name: "Email me a sign-in link" }).click();
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

      await page.getByRole("main").getByRole("link", { name: "dev mailbox" }).click();
      await page.getByRole("link", { name: "Your Replaydesk sign-in link" }).first().click();
      await page.getByTestId("mail-text").getByRole("link").first().click();

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

    await page.getByLabel("Email address").fill("customer@demo.test");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.goto("/dev/mailbox?to=customer@demo.test");
    await page.getByRole("link", { name: "Your Replaydesk sign-in link" }).first().click();
    const link = await page.getByTestId("mail-text").getByRole("link").first().getAttribute("href");
    await page.goto(link!);
    await expect(page).toHaveURL(/\/account$/);

    await context.clearCookies();
    await page.goto(link!);
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

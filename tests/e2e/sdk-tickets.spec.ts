import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { postTicket } from "./fixtures/tickets";

// Finding L9: the site key is public, so anyone can call the SDK's ticket endpoint with any
// address. A ticket filed that way for a staff address must never show in that account.
test("a ticket forged with the public site key for admin@demo.test does not appear in admin's /support (finding L9)", async ({ browser, request, baseURL }) => {
  const shop = await (await request.get("/demo/shop")).text();
  const siteKey = /data-site-key="(pk_[^"]+)"/.exec(shop)?.[1];
  expect(siteKey, "the demo shop embeds the demo site's key").toBeTruthy();
  const subject = `Forged request ${randomBytes(4).toString("hex")}`;
  const forged = await postTicket(request, baseURL!, { siteKey, sessionId: null, email: "admin@demo.test", subject, message: "Please open https://evil.example/login" });
  expect(forged.status(), await forged.text()).toBe(201);

  const admin = await browser.newContext();
  await signInOverHttp(admin, "admin@demo.test");
  const page = await admin.newPage();
  await page.goto("/support");
  await expect(page.getByRole("heading", { name: "My support requests" })).toBeVisible();
  await expect(page.getByText("Loading your requests…")).toHaveCount(0);
  await expect(page.getByRole("link", { name: subject })).toHaveCount(0);
  const own = (await (await admin.request.get("/api/v1/me/tickets")).json()) as { tickets: { subject: string }[] };
  expect(own.tickets.map((t) => t.subject)).not.toContain(subject);
  await admin.close();
});

import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { sessionStateFor, signInOverHttp } from "./fixtures/auth";
import { postTicket } from "./fixtures/tickets";

// A customer downloads their data and deletes their account from the account page. A fresh
// random account each run: its ticket comes from the demo shop's site, as a real one would.
test("a customer exports their data as JSON, then deletes their account", async ({ page, context, baseURL }) => {
  const email = `rights-${randomBytes(4).toString("hex")}@customer.example`;
  const shop = await (await context.request.get("/demo/shop")).text();
  const siteKey = /data-site-key="(pk_[^"]+)"/.exec(shop)?.[1];
  expect(siteKey, "the demo shop embeds the demo site's key").toBeTruthy();
  const opened = await postTicket(context.request, baseURL!, { siteKey, sessionId: null, email, subject: "Coupon refused at checkout", message: "The coupon SPRING is refused" });
  expect(opened.status(), await opened.text()).toBe(201);

  await signInOverHttp(context, email);
  await page.goto("/account");
  await expect(page.getByTestId("account-email")).toHaveText(email);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export my data" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^replaydesk-export-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await readFile((await download.path())!, "utf8")) as {
    format: string;
    account: { email: string };
    tickets: { subject: string; messages: { from: string; body: string }[] }[];
    recordings: unknown[];
    auditEntries: { action: string; actor: string }[];
  };
  expect(exported.format).toBe("replaydesk-export/1");
  expect(exported.account.email).toBe(email);
  expect(exported.tickets).toEqual([expect.objectContaining({ subject: "Coupon refused at checkout", messages: [expect.objectContaining({ from: "you", body: "The coupon SPRING is refused" })] })]);
  expect(exported.recordings).toEqual([]);
  expect(exported.auditEntries).toContainEqual(expect.objectContaining({ action: "ticket.create", actor: "you" }));

  // Deleting takes a confirmation step; a wrong phrase is explained and changes nothing.
  await page.getByRole("button", { name: "Delete my account…" }).click();
  await page.getByLabel("Type DELETE MY ACCOUNT to confirm").fill("delete");
  await page.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Type DELETE MY ACCOUNT exactly" })).toBeVisible();
  expect((await context.request.get("/api/v1/me")).status()).toBe(200);

  await page.getByLabel("Type DELETE MY ACCOUNT to confirm").fill("DELETE MY ACCOUNT");
  await page.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your account was deleted" })).toBeVisible();

  // Signed out everywhere: the session went with the account.
  expect((await context.request.get("/api/v1/me")).status()).toBe(401);
  expect((await context.request.get("/api/v1/me/export")).status()).toBe(401);
  await page.getByRole("button", { name: "Back to the home page" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
});

test("the account API refuses a deletion without the confirmation, and a staff account", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL, storageState: await sessionStateFor("agent@demo.test") });
  const headers = { origin: baseURL!, "content-type": "application/json" };
  const unconfirmed = await request.delete("/api/v1/me", { headers, data: { confirm: "yes" } });
  expect(unconfirmed.status()).toBe(400);
  expect(((await unconfirmed.json()) as { error: { message: string } }).error.message).toContain('confirm: must be exactly "DELETE MY ACCOUNT"');
  const staff = await request.delete("/api/v1/me", { headers, data: { confirm: "DELETE MY ACCOUNT" } });
  expect(staff.status()).toBe(409);
  expect((await request.get("/api/v1/me")).status()).toBe(200);
  await request.dispose();
});

import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { postTicket } from "./fixtures/tickets";

// Staff choose their notification emails on the account page, with the keyboard alone; customers
// have no such section.
test("an agent turns on unassigned-ticket emails with the keyboard, and the choice is kept", async ({ page, context }) => {
  await signInOverHttp(context, "agent@demo.test");
  await page.goto("/account");
  const section = page.getByRole("region", { name: "Email notifications" });
  const unassigned = section.getByRole("checkbox", { name: "A customer writes on an unassigned ticket of my sites" });
  await expect(section.getByRole("checkbox", { name: "A customer writes on a ticket assigned to me" })).toBeChecked();
  await expect(unassigned).not.toBeChecked();

  await unassigned.focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(section.getByRole("button", { name: "Save notification settings" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(section.getByRole("status")).toHaveText("Saved.");

  await page.reload();
  await expect(page.getByRole("region", { name: "Email notifications" }).getByRole("checkbox", { name: "A customer writes on an unassigned ticket of my sites" })).toBeChecked();
  // Back to the demo account's default, for the runs after this one.
  expect((await context.request.put("/api/v1/me/notifications", { data: { notifyOn: ["assigned-customer-message", "reveal-decided"] }, headers: { origin: new URL(page.url()).origin } })).status()).toBe(200);
});

test("a customer's account page has no notification settings", async ({ page, context, baseURL }) => {
  const email = `notify-${randomBytes(4).toString("hex")}@customer.example`;
  const shop = await (await context.request.get("/demo/shop")).text();
  const siteKey = /data-site-key="(pk_[^"]+)"/.exec(shop)?.[1];
  const opened = await postTicket(context.request, baseURL!, { siteKey, sessionId: null, email, subject: "Where is my parcel", message: "It is late" });
  expect(opened.status(), await opened.text()).toBe(201);
  await signInOverHttp(context, email);
  await page.goto("/account");
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await expect(page.getByRole("region", { name: "Email notifications" })).toHaveCount(0);
});

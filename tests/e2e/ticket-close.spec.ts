import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { askForHelpFromShop } from "./fixtures/story";

// Closing a ticket deletes its recordings (the demo site has no grace period): the in-app sweeper
// removes them, and every view and the API then treat them as gone.
test("the customer closes a ticket → its recording is gone for the customer, the agent and the API", async ({ browser }) => {
  test.setTimeout(90_000);
  const customerEmail = `close-${randomBytes(4).toString("hex")}@example.test`;
  const shop = await (await browser.newContext()).newPage();
  const ticketId = await askForHelpFromShop(shop, { email: customerEmail });

  const agentContext = await browser.newContext();
  await signInOverHttp(agentContext, "agent@demo.test");
  const detail = (await (await agentContext.request.get(`/api/v1/desk/tickets/${ticketId}`)).json()) as { recordings: { id: string }[] };
  expect(detail.recordings).toHaveLength(1);
  const recordingId = detail.recordings[0]!.id;

  const customerContext = await browser.newContext();
  await signInOverHttp(customerContext, customerEmail);
  const customer = await customerContext.newPage();
  await customer.goto(`/support/tickets/${ticketId}`);
  await expect(customer.getByTestId("own-recording")).toContainText("Deleted automatically");
  await customer.getByRole("button", { name: "Close this request (deletes its recordings)" }).click();
  await expect(customer.getByTestId("ticket-status")).toHaveText("closed");

  await expect
    .poll(async () => ((await (await agentContext.request.get(`/api/v1/desk/tickets/${ticketId}`)).json()) as { recordings: unknown[] }).recordings.length, { timeout: 45_000 })
    .toBe(0);
  await customer.reload();
  await expect(customer.getByText("No recording is kept for this request.")).toBeVisible();
  const agent = await agentContext.newPage();
  await agent.goto(`/desk/tickets/${ticketId}`);
  await expect(agent.getByText("No recording is linked to this ticket")).toBeVisible();
  // The viewer learns why (410 from the deletion receipt); the customer's own routes just find nothing.
  const events = await agentContext.request.get(`/api/v1/desk/recordings/${recordingId}/events`);
  expect(events.status()).toBe(410);
  expect(((await events.json()) as { error: { message: string } }).error.message).toContain("its ticket was closed");
  expect((await customerContext.request.delete(`/api/v1/recordings/${recordingId}`, { headers: { origin: process.env.E2E_BASE_URL! } })).status()).toBe(404);

  // Reopening brings nothing back.
  await customer.getByRole("button", { name: "Reopen" }).click();
  await expect(customer.getByTestId("ticket-status")).toHaveText("open");
  await expect(customer.getByText("No recording is kept for this request.")).toBeVisible();
  await Promise.all([agentContext.close(), customerContext.close()]);
});

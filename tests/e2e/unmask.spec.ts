import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { scanDatabase } from "../adversarial/support/leak-scan";
import { signInOverHttp } from "./fixtures/auth";
import { captureRequestBodies, leaks, NEVER_COLLECTED, SECRETS } from "./fixtures/secrets";
import { createTestSite } from "./fixtures/sites";
import { approveFromEmail, askForHelpFromShop, askToView, captureApiResponses, expectReplayRenders } from "./fixtures/story";

const JUSTIFICATION = "The customer says the delivery address is rejected; I need to read what was typed.";

// Unmasked viewing: M1 needs the customer's approval and a supervisor's validation (M2, the
// customer's approval and the key custodian's acceptance: custody.spec.ts); passwords and card
// data were never collected. M3 refuses.
test("M1: unmasked replay after approval and validation, without S1 data", async ({ browser }) => {
  test.setTimeout(120_000);
  const customerEmail = `unmask-m1-${randomBytes(4).toString("hex")}@example.test`;
  const adminContext = await browser.newContext();
  await signInOverHttp(adminContext, "admin@demo.test");
  const site = await createTestSite(adminContext.request, { maskingMode: "M1" }, { vaultKey: true });

  const shop = await (await browser.newContext()).newPage();
  const ticketId = await askForHelpFromShop(shop, { email: customerEmail, siteKey: site.publicKey });

  const agentContext = await browser.newContext();
  await signInOverHttp(agentContext, "agent@demo.test");
  const agent = await agentContext.newPage();
  const received = captureApiResponses(agent);
  await agent.goto(`/desk/tickets/${ticketId}`);
  await expect(agent.getByTestId("recording")).toContainText("sealed unmasked copy (M1)");
  const before = await askToView(agent, { scope: "unmasked", justification: JUSTIFICATION });
  await approveFromEmail(browser, customerEmail, before, JUSTIFICATION);

  await agent.reload();
  await expect(agent.getByRole("button", { name: "Watch unmasked" })).toHaveCount(0);
  await expect(agent.getByTestId("reveal-requests")).toContainText("awaiting a supervisor's validation");
  const supervisorContext = await browser.newContext();
  await signInOverHttp(supervisorContext, "supervisor@demo.test");
  const supervisor = await supervisorContext.newPage();
  await supervisor.goto("/desk/validations");
  const row = supervisor.getByRole("row").filter({ hasText: JUSTIFICATION });
  await row.getByRole("button", { name: "Validate" }).click();
  await expect(supervisor.getByRole("row").filter({ hasText: JUSTIFICATION })).toHaveCount(0);
  // Two people, always: the validating supervisor cannot watch, even after taking the ticket.
  const recordingId = ((await (await agentContext.request.get(`/api/v1/desk/tickets/${ticketId}`)).json()) as { recordings: { id: string }[] }).recordings[0]!.id;
  expect((await supervisorContext.request.patch(`/api/v1/desk/tickets/${ticketId}`, { headers: { origin: process.env.E2E_BASE_URL! }, data: { assignee: "me" } })).status()).toBe(200);
  expect((await supervisorContext.request.get(`/api/v1/desk/recordings/${recordingId}/events?scope=unmasked`)).status()).toBe(403);
  await supervisor.goto(`/desk/tickets/${ticketId}`);
  await expect(supervisor.getByTestId("recording")).toContainText("No replay content is shown to you");
  await expect(supervisor.getByRole("button", { name: "Watch unmasked" })).toHaveCount(0);
  await supervisorContext.close();
  await agent.reload();
  await expectReplayRenders(agent, "Watch unmasked");
  await expect.poll(() => received.some((r) => r.includes(SECRETS["checkout-address"]))).toBe(true);
  expect(leaks(received, NEVER_COLLECTED), "S1 data in the unmasked replay").toEqual([]);
  await Promise.all([adminContext.close(), agentContext.close()]);
});

// Privacy point 1 (S1 on every copy): a card number typed where nothing says "card" never leaves
// the browser, neither in the masked events nor in the sealed unmasked copy; the server cannot
// scrub a sealed copy, so the browser must.
test("M1: a card number typed into a plain 'Payment reference' field is in neither copy, after approval and validation", async ({ browser }) => {
  test.setTimeout(150_000);
  const CARD = "4000 0566 5566 5556";
  const customerEmail = `s1-m1-${randomBytes(4).toString("hex")}@example.test`;
  const adminContext = await browser.newContext();
  await signInOverHttp(adminContext, "admin@demo.test");
  const site = await createTestSite(adminContext.request, { maskingMode: "M1" }, { vaultKey: true });

  const shop = await (await browser.newContext()).newPage();
  const sent = captureRequestBodies(shop);
  await shop.goto(`/demo/shop?siteKey=${site.publicKey}`);
  await shop.getByTestId("consent-accept").click();
  await shop.locator("button.add").first().click();
  await shop.getByLabel("Delivery address").pressSequentially(SECRETS["checkout-address"], { delay: 5 });
  await shop.getByLabel("Payment reference (optional)").pressSequentially(`Ref ${CARD}`, { delay: 5 });
  await shop.getByTestId("checkout-submit").click();
  await shop.getByTestId("help-button").click();
  await expect(shop.getByTestId("replaydesk-support-note")).toContainText("An unmasked copy is also kept, sealed; it can be opened only after you approve and a supervisor checks the request.");
  await shop.getByTestId("replaydesk-support-email").fill(customerEmail);
  await shop.getByTestId("replaydesk-support-subject").fill("My payment reference is refused");
  await shop.getByTestId("replaydesk-support-message").fill("The checkout refuses my payment reference.");
  await shop.getByTestId("replaydesk-support-submit").click();
  const ticketLink = shop.getByTestId("replaydesk-support-ticket-link");
  await expect(ticketLink).toBeVisible({ timeout: 20_000 });
  const ticketId = new URL((await ticketLink.getAttribute("href"))!).pathname.split("/").pop()!;

  const agentContext = await browser.newContext();
  await signInOverHttp(agentContext, "agent@demo.test");
  const agent = await agentContext.newPage();
  const received = captureApiResponses(agent);
  await agent.goto(`/desk/tickets/${ticketId}`);
  const before = await askToView(agent, { scope: "unmasked", justification: JUSTIFICATION });
  await approveFromEmail(browser, customerEmail, before, JUSTIFICATION);
  const supervisorContext = await browser.newContext();
  await signInOverHttp(supervisorContext, "supervisor@demo.test");
  const supervisor = await supervisorContext.newPage();
  await supervisor.goto("/desk/validations");
  await supervisor.getByRole("row").filter({ hasText: JUSTIFICATION }).getByRole("button", { name: "Validate" }).click();
  await expect(supervisor.getByRole("row").filter({ hasText: JUSTIFICATION })).toHaveCount(0);
  await supervisorContext.close();
  await agent.reload();
  await expectReplayRenders(agent, "Watch unmasked");

  // The unmasked replay has the field and what else was typed in clear, the card number hidden.
  await expect.poll(() => received.some((r) => r.includes(SECRETS["checkout-address"]))).toBe(true);
  const forms = [CARD, CARD.replaceAll(" ", ""), CARD.replaceAll(" ", "-")];
  expect(leaks(received, forms), "the card number in the unmasked replay").toEqual([]);
  expect(received.some((r) => r.includes("Ref **** **** **** ****"))).toBe(true);
  expect(leaks(sent.bodies.map((b) => b.text), forms), "the card number in what the shop page sent").toEqual([]);
  const databaseUrl = process.env.E2E_DATABASE_URL ?? `file:${path.join(process.env.E2E_DATA_DIR!, "replaydesk.db")}`;
  expect((await scanDatabase(databaseUrl, forms)).leaks, "the card number in the database").toEqual([]);
  await Promise.all([adminContext.close(), agentContext.close()]);
});

test("M3: unmasking is impossible and the page says why", async ({ browser }) => {
  const customerEmail = `unmask-m3-${randomBytes(4).toString("hex")}@example.test`;
  const shop = await (await browser.newContext()).newPage();
  const ticketId = await askForHelpFromShop(shop, { email: customerEmail });
  const agentContext = await browser.newContext();
  await signInOverHttp(agentContext, "agent@demo.test");
  const agent = await agentContext.newPage();
  await agent.goto(`/desk/tickets/${ticketId}`);
  await agent.getByRole("button", { name: "Ask to view the recording" }).click();
  await expect(agent.getByRole("radio", { name: /The unmasked view/ })).toBeDisabled();
  await expect(agent.getByTestId("recording")).toContainText("This site uses M3: unmasked content is never collected");
  const detail = (await (await agentContext.request.get(`/api/v1/desk/tickets/${ticketId}`)).json()) as { recordings: { id: string }[] };
  const refused = await agentContext.request.post("/api/v1/desk/reveals", {
    headers: { origin: process.env.E2E_BASE_URL! },
    data: { ticketId, recordingId: detail.recordings[0]!.id, scope: "unmasked", justification: JUSTIFICATION },
  });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("M3");
  await agentContext.close();
});

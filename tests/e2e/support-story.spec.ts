import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { captureRequestBodies, leaks, SECRETS } from "./fixtures/secrets";
import { linksIn, waitForMail } from "./fixtures/mail";
import { approveFromEmail, askForHelpFromShop, askToView, captureApiResponses, expectReplayRenders } from "./fixtures/story";

const JUSTIFICATION = "To see at which step the order validation fails.";

// The whole story of issue 4: a customer asks for help from the publisher's page, the agent sees
// metadata only, asks to view, the customer approves by email, the agent watches a masked replay,
// the customer sees who watched and watches it too, then withdraws: the agent's open replay ends
// with a message saying so, and the agent is refused. Every step lands in the audit log.
test("help request → approval by email → masked replay → the customer sees who watched → withdrawal ends the agent's replay", async ({ browser }) => {
  test.setTimeout(120_000);
  const customerEmail = `story-${randomBytes(4).toString("hex")}@example.test`;

  const shopContext = await browser.newContext();
  const shop = await shopContext.newPage();
  const sent = captureRequestBodies(shop);
  const ticketId = await askForHelpFromShop(shop, { email: customerEmail });
  expect(sent.bodies.some((b) => b.url.includes("/api/v1/ingest"))).toBe(true);
  expect(leaks(sent.bodies.map((b) => b.text), Object.values(SECRETS)), "secrets in request bodies (M3)").toEqual([]);

  // The agent: metadata, no replay, and the API refuses the content.
  const agentContext = await browser.newContext();
  await signInOverHttp(agentContext, "agent@demo.test");
  const agent = await agentContext.newPage();
  const received = captureApiResponses(agent);
  await agent.goto(`/desk/tickets/${ticketId}`);
  await expect(agent.getByRole("heading", { name: "My order cannot be validated" })).toBeVisible();
  const recording = agent.getByTestId("recording");
  await expect(recording).toContainText("/demo/shop");
  await expect(recording).toContainText("No replay content is shown to you until the customer approves a request of yours");
  await expect(agent.getByRole("button", { name: "Watch the replay" })).toHaveCount(0);
  const detail = (await (await agentContext.request.get(`/api/v1/desk/tickets/${ticketId}`)).json()) as { recordings: { id: string }[] };
  const recordingId = detail.recordings[0]!.id;
  expect((await agentContext.request.get(`/api/v1/desk/recordings/${recordingId}/events`)).status()).toBe(403);

  const before = await askToView(agent, { scope: "masked", justification: JUSTIFICATION });
  // Opening the link (what a mail scanner does) approves nothing: only the button's POST does.
  await approveFromEmail(browser, customerEmail, before, JUSTIFICATION, async () => {
    expect((await agentContext.request.get(`/api/v1/desk/recordings/${recordingId}/events`)).status()).toBe(403);
  });

  // The agent watches: frames render, and nothing masked reached the agent's browser.
  await agent.reload();
  await expectReplayRenders(agent, "Watch the replay");
  await agent.getByTestId("replay-viewer").screenshot({ path: test.info().outputPath("replay.png") });
  expect(leaks(received, [...Object.values(SECRETS), customerEmail]), "secrets in what the agent received").toEqual([]);

  // The customer's ticket page: who watched (right of access), and their own masked replay with
  // its list of events.
  const customerContext = await browser.newContext();
  await signInOverHttp(customerContext, customerEmail);
  const customer = await customerContext.newPage();
  const customerReceived = captureApiResponses(customer);
  await customer.goto(`/support/tickets/${ticketId}`);
  await expect(customer.getByTestId("recording-views")).toContainText("agent@demo.test watched it masked");
  await customer.getByRole("button", { name: "Watch my recording" }).click();
  const ownFrame = customer.getByTestId("replay-viewer").locator("iframe");
  await expect(ownFrame).toBeVisible({ timeout: 20_000 });
  await expect(customer.getByTestId("replay-event-list")).toContainText("/demo/shop");
  await expect(customer.getByTestId("replay-event-list")).toContainText("Click");
  expect(leaks(customerReceived, Object.values(SECRETS)), "secrets in the customer's own (masked) replay").toEqual([]);

  // The customer withdraws; the agent's open replay ends and says why, and the API answers 410.
  await customer.getByRole("button", { name: "Withdraw my approval" }).click();
  await expect(customer.getByTestId("own-recording")).toContainText("withdrawn by the customer");
  await expect(agent.getByTestId("replay-ended")).toContainText("The customer withdrew their approval", { timeout: 25_000 });
  await expect(agent.getByTestId("replay-viewer").locator("iframe")).toHaveCount(0);
  expect((await agentContext.request.get(`/api/v1/desk/recordings/${recordingId}/events`)).status()).toBe(410);

  // The audit log has every step, and no customer email.
  const adminContext = await browser.newContext();
  await signInOverHttp(adminContext, "admin@demo.test");
  const csv = await (await adminContext.request.get("/api/v1/admin/audit.csv")).text();
  for (const action of ["ticket.create", "reveal.request", "reveal.email-sent", "reveal.approve", "replay.view", "replay.view-own", "reveal.withdraw"]) expect(csv).toContain(action);
  expect(csv).not.toContain(customerEmail);

  await Promise.all([shopContext, agentContext, customerContext, adminContext].map((c) => c.close()));
});

// A customer who declines is told exactly what was asked, then offered to delete the recording at
// once, from the same page: one click, a receipt, and the agent's ticket no longer lists it.
test("declining on the approval page offers to delete the recording now, with a receipt", async ({ browser }) => {
  test.setTimeout(120_000);
  const customerEmail = `decline-${randomBytes(4).toString("hex")}@example.test`;
  const shop = await (await browser.newContext()).newPage();
  const ticketId = await askForHelpFromShop(shop, { email: customerEmail });

  const agentContext = await browser.newContext();
  await signInOverHttp(agentContext, "agent@demo.test");
  const agent = await agentContext.newPage();
  await agent.goto(`/desk/tickets/${ticketId}`);
  const before = await askToView(agent, { scope: "masked", justification: JUSTIFICATION });

  const mail = await waitForMail(customerEmail, before, /May we view/);
  expect(mail.text).toContain("agent@demo.test");
  expect(mail.text).toContain("/demo/shop");
  expect(mail.text).toMatch(/masked in your browser and never collected/);
  expect(mail.text).not.toMatch(/72 hours/);
  const page = await (await browser.newContext()).newPage();
  await page.goto(linksIn(mail).find((l) => l.includes("decision=decline"))!);
  await expect(page.getByTestId("approval-agent")).toContainText("agent@demo.test");
  await expect(page.getByTestId("approval-recording")).toContainText("/demo/shop");
  await expect(page.getByTestId("approval-masking")).toContainText("never collected");
  await expect(page.getByTestId("approval-deadlines")).not.toContainText("72 hours");
  await page.getByRole("button", { name: "Decline" }).click();
  await expect(page.getByTestId("approval-result")).toContainText("You declined");
  await page.getByRole("button", { name: "Delete the recording now" }).click();
  await expect(page.getByTestId("deletion-receipt")).toContainText("Deletion receipt");

  await agent.reload();
  await expect(agent.getByText("No recording is linked to this ticket")).toBeVisible();
  await Promise.all([shop.context(), agentContext, page.context()].map((c) => c.close()));
});

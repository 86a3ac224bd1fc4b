import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { captureRequestBodies, leaks, SECRETS } from "./fixtures/secrets";
import { approveFromEmail, askForHelpFromShop, askToView, captureApiResponses, expectReplayRenders } from "./fixtures/story";

const JUSTIFICATION = "To see at which step the order validation fails.";

// The whole story of issue 4: a customer asks for help from the publisher's page, the agent sees
// metadata only, asks to view, the customer approves by email, the agent watches a masked replay,
// the customer withdraws and the agent is refused again. Every step lands in the audit log.
test("help request → approval by email → masked replay → withdrawal", async ({ browser }) => {
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
  await expect(recording).toContainText("No replay content is shown until the customer approves.");
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

  // The customer withdraws from their ticket page; the agent is refused at once.
  const customerContext = await browser.newContext();
  await signInOverHttp(customerContext, customerEmail);
  const customer = await customerContext.newPage();
  await customer.goto(`/support/tickets/${ticketId}`);
  await customer.getByRole("button", { name: "Withdraw my approval" }).click();
  await expect(customer.getByTestId("own-recording")).toContainText("withdrawn by the customer");
  expect((await agentContext.request.get(`/api/v1/desk/recordings/${recordingId}/events`)).status()).toBe(403);

  // The audit log has every step, and no customer email.
  const adminContext = await browser.newContext();
  await signInOverHttp(adminContext, "admin@demo.test");
  const csv = await (await adminContext.request.get("/api/v1/admin/audit.csv")).text();
  for (const action of ["ticket.create", "reveal.request", "reveal.email-sent", "reveal.approve", "replay.view", "reveal.withdraw"]) expect(csv).toContain(action);
  expect(csv).not.toContain(customerEmail);

  await Promise.all([shopContext, agentContext, customerContext, adminContext].map((c) => c.close()));
});

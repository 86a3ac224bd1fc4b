import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { leaks, NEVER_COLLECTED, SECRETS } from "./fixtures/secrets";
import { createTestSite } from "./fixtures/sites";
import { approveFromEmail, askForHelpFromShop, askToView, captureApiResponses, expectReplayRenders } from "./fixtures/story";

const BASE = process.env.E2E_BASE_URL!;
const JUSTIFICATION = "The customer says the delivery address is rejected; I need to read what was typed.";

// Privacy point 6: M2 needs a key custodian outside the site's staff. The privacy officer enrols
// from /custody (the secret is shown once), the admin can then choose M2; an agent's unmasked
// request approved by the customer waits for the custodian, who accepts it with the secret on the
// same page; then, and only then, the agent watches it. Passwords and card data were never collected.
test("M2: the key custodian enrols, then accepts an unmasking on /custody, and only then the agent watches", async ({ browser }) => {
  test.setTimeout(180_000);
  const adminContext = await browser.newContext();
  await signInOverHttp(adminContext, "admin@demo.test");
  const site = await createTestSite(adminContext.request, {});
  const officerEmail = `dpo-${randomBytes(4).toString("hex")}@example.test`;
  expect((await adminContext.request.post("/api/v1/admin/users", { headers: { origin: BASE }, data: { email: officerEmail, role: "privacy-officer", siteId: site.id } })).status()).toBe(201);

  // Before anyone holds the custody, M2 cannot be chosen, and the form says why.
  const admin = await adminContext.newPage();
  await admin.goto(`/admin/sites/${site.id}`);
  await expect(admin.getByLabel(/^M2: collect it sealed/)).toBeDisabled();
  await expect(admin.getByText(/Not available: M2 needs a key custodian outside the publisher's staff/)).toBeVisible();

  // The privacy officer enrols from their own page and sees the secret once.
  const officerContext = await browser.newContext();
  await signInOverHttp(officerContext, officerEmail);
  const officer = await officerContext.newPage();
  await officer.goto("/custody");
  const siteRow = officer.getByTestId("custody-site");
  await expect(siteRow).toContainText("no key custodian");
  await siteRow.getByRole("button", { name: "Enrol as key custodian" }).click();
  await officer.getByRole("button", { name: "Yes, enrol" }).click();
  const shown = officer.getByTestId("custody-secret");
  await expect(shown).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
  const secret = (await shown.textContent())!;
  await officer.getByRole("button", { name: "I have stored it" }).click();
  await expect(siteRow).toContainText("held by you since");
  await expect(officer.getByTestId("custody-secret")).toHaveCount(0);

  await admin.reload();
  await admin.getByLabel(/^M2: collect it sealed/).check();
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved." })).toContainText("maskingMode");
  await expect(admin.getByTestId("vault-custody")).toContainText(`held by ${officerEmail}`);

  const customerEmail = `custody-${randomBytes(4).toString("hex")}@example.test`;
  const ticketId = await askForHelpFromShop(await (await browser.newContext()).newPage(), { email: customerEmail, siteKey: site.publicKey });
  const agentContext = await browser.newContext();
  await signInOverHttp(agentContext, "agent@demo.test");
  const agent = await agentContext.newPage();
  const received = captureApiResponses(agent);
  await agent.goto(`/desk/tickets/${ticketId}`);
  await expect(agent.getByTestId("recording")).toContainText("sealed unmasked copy (M2)");
  const before = await askToView(agent, { scope: "unmasked", justification: JUSTIFICATION });
  const mail = await approveFromEmail(browser, customerEmail, before, JUSTIFICATION);
  expect(mail.text).toContain("shown only if an independent key custodian");

  // Approved by the customer, not yet accepted: nothing unmasked for the agent.
  await agent.reload();
  await expect(agent.getByTestId("reveal-requests")).toContainText("awaiting the key custodian's acceptance");
  await expect(agent.getByRole("button", { name: "Watch unmasked" })).toHaveCount(0);
  const recordingId = ((await (await agentContext.request.get(`/api/v1/desk/tickets/${ticketId}`)).json()) as { recordings: { id: string }[] }).recordings[0]!.id;
  expect((await agentContext.request.get(`/api/v1/desk/recordings/${recordingId}/events?scope=unmasked`)).status()).toBe(403);

  // The custodian reads the reason; a wrong secret is refused, the right one unseals.
  await officer.reload();
  const request = officer.getByTestId("custody-request").filter({ hasText: JUSTIFICATION });
  await expect(request).toContainText("agent@demo.test");
  await request.getByLabel("Custody secret").fill("0000-0000-0000-0000-0000-0000-0000-0000");
  await request.getByRole("button", { name: "Accept and unseal" }).click();
  await expect(request.getByRole("alert")).toHaveText("This secret does not open the site's M2 vault key.");
  await request.getByLabel("Custody secret").fill(secret);
  await request.getByRole("button", { name: "Accept and unseal" }).click();
  await expect(officer.getByTestId("custody-request").filter({ hasText: JUSTIFICATION })).toHaveCount(0);
  // The custodian never watches.
  expect((await officerContext.request.get(`/api/v1/desk/recordings/${recordingId}/events?scope=unmasked`)).status()).toBe(403);

  await agent.reload();
  await expect(agent.getByTestId("reveal-requests")).toContainText("accepted by the key custodian");
  await expectReplayRenders(agent, "Watch unmasked");
  await expect.poll(() => received.some((r) => r.includes(SECRETS["checkout-address"]))).toBe(true);
  expect(leaks(received, NEVER_COLLECTED), "S1 data in the unmasked replay").toEqual([]);
  await Promise.all([adminContext.close(), agentContext.close(), officerContext.close()]);
});

import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { postTicket } from "./fixtures/tickets";

// Issue 13, point 2: the customer's page asks for a support code, the customer reads it out, the
// agent pastes it on the ticket and the recording is linked.
test("Replaydesk.supportCode() gives a code that links the recording on the desk ticket", async ({ browser, page: shop, request, baseURL }) => {
  await shop.goto("/demo/shop");
  await shop.getByTestId("consent-accept").click();
  await shop.locator("button.add").first().click();
  const code = await shop.evaluate(() => (window as unknown as { Replaydesk: { supportCode(): Promise<string | null> } }).Replaydesk.supportCode());
  expect(code).toMatch(/^RD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);

  // The customer calls; the agent's ticket (here filed without a recording) gets it by the code.
  const siteKey = /data-site-key="(pk_[^"]+)"/.exec(await (await request.get("/demo/shop")).text())?.[1];
  const subject = `Called about checkout ${randomBytes(4).toString("hex")}`;
  const filed = await postTicket(request, baseURL!, { siteKey, sessionId: null, email: `caller-${randomBytes(4).toString("hex")}@t.example`, subject, message: "By phone." });
  expect(filed.status(), await filed.text()).toBe(201);
  const { ticketId } = (await filed.json()) as { ticketId: string };

  const agentContext = await browser.newContext();
  await signInOverHttp(agentContext, "agent@demo.test");
  const agent = await agentContext.newPage();
  await agent.goto(`/desk/tickets/${ticketId}`);
  await expect(agent.getByText("No recording is linked to this ticket.")).toBeVisible();
  await agent.getByRole("textbox", { name: "Link a recording by support code" }).fill(code!.toLowerCase().replace(/-/g, " "));
  await agent.getByRole("textbox", { name: "Link a recording by support code" }).press("Enter");
  await expect(agent.getByRole("status").filter({ hasText: "Recording linked." })).toBeVisible();
  await expect(agent.getByTestId("recording")).toHaveCount(1);
  await agentContext.close();
});

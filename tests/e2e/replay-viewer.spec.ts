import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { mailFiles } from "./fixtures/mail";
import { expectNoSeriousA11yViolations } from "./fixtures/a11y";
import { approveFromEmail, askForHelpFromShop, askToView, expectReplayRenders } from "./fixtures/story";

// Issue 17 (part): the viewer built for support. After approval the agent sees the list of what
// happened (the demo checkout's error, the trigger), jumps by clicking, drives the player with the
// keyboard, and a link to a moment opens there for a colleague once they hold their own approval;
// before that it only opens "Ask to view", prefilled, and sends nothing by itself.

const position = async (page: Page) => Number(await page.getByTestId("replay-viewer").getAttribute("data-position"));

test("the event list, jumps, keys, and a link to a moment", async ({ browser }) => {
  test.setTimeout(180_000);
  const customerEmail = `viewer-${randomBytes(4).toString("hex")}@example.test`;
  const shopContext = await browser.newContext();
  const ticketId = await askForHelpFromShop(await shopContext.newPage(), { email: customerEmail });
  await shopContext.close();

  const agentContext = await browser.newContext();
  await signInOverHttp(agentContext, "agent@demo.test");
  const agent = await agentContext.newPage();
  await agent.goto(`/desk/tickets/${ticketId}`);
  const before = await askToView(agent, { scope: "masked", justification: "To see where the checkout fails." });
  await approveFromEmail(browser, customerEmail, before, "To see where the checkout fails.");
  await agent.reload();
  await expectReplayRenders(agent, "Watch the replay");

  const list = agent.getByTestId("replay-event-list");
  await expect(list.locator('li[data-kind="trigger"]')).toHaveCount(1);
  await expect(list.locator('li[data-kind="trigger"]')).toContainText("Help requested");
  await expect(list.locator('li[data-kind="error"]').first()).toContainText("JavaScript error");
  await expect(list.locator('li[data-kind="page"]').first()).toContainText("/demo/shop");
  // The checkout button submits the demo's form: listed as such, with its masked text.
  await expect(list.locator('li[data-kind="submit"], li[data-kind="click"], li[data-kind="dead-click"]').first()).toBeVisible();

  // Jumping: to the trigger, then to the first page view by keyboard (Tab to it, Enter).
  await agent.getByRole("button", { name: "Jump to the moment help was asked for" }).click();
  await expect(list.locator('li[aria-current="time"]')).toHaveAttribute("data-kind", /trigger|error|click|submit/);
  const atTrigger = await position(agent);
  await list.locator('li[data-kind="page"] button').first().focus();
  await agent.keyboard.press("Enter");
  await expect.poll(() => position(agent)).toBeLessThan(atTrigger);

  // Filtering by kind hides the others.
  await agent.getByRole("checkbox", { name: "Pages" }).uncheck();
  await expect(list.locator('li[data-kind="page"]')).toHaveCount(0);
  await expect(list.locator('li[data-kind="trigger"]')).toHaveCount(1);
  await agent.getByRole("checkbox", { name: "Pages" }).check();

  // Keys on the player: Space plays.
  await agent.getByTestId("replay-viewer").focus();
  await agent.keyboard.press("Space");
  await expect(agent.getByTestId("replay-viewer")).toHaveAttribute("data-playing", "true");
  // Accessibility checks run on SQLite only (they do not depend on the database).
  if (!/^postgres(ql)?:/.test(process.env.E2E_DATABASE_URL ?? "")) await expectNoSeriousA11yViolations(agent, "the desk's replay viewer");

  // A link to a moment: the recording and a second, copied from the viewer.
  const detail = (await (await agentContext.request.get(`/api/v1/desk/tickets/${ticketId}`)).json()) as { recordings: { id: string }[] };
  await agentContext.grantPermissions(["clipboard-read", "clipboard-write"]);
  await agent.getByRole("button", { name: /Copy a link to this moment/ }).click();
  await expect(agent.getByText("Link copied.")).toBeVisible();
  const copied = await agent.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(new RegExp(`/desk/tickets/${ticketId}\\?recording=${detail.recordings[0]!.id}&t=\\d+$`));
  const momentPath = `/desk/tickets/${ticketId}?recording=${detail.recordings[0]!.id}&t=1`;

  // A colleague without an approval: "Ask to view" opens prefilled; nothing is sent by itself.
  const colleagueContext = await browser.newContext();
  await signInOverHttp(colleagueContext, "supervisor@demo.test");
  const colleague = await colleagueContext.newPage();
  const mailsBefore = await mailFiles();
  await colleague.goto(momentPath);
  const why = colleague.getByLabel("Why do you need it? (shown to the customer)");
  await expect(why).toHaveValue(/moment at 1 s/);
  await expect(colleague.getByTestId("replay-viewer")).toHaveCount(0);
  await colleague.waitForTimeout(1000);
  expect([...(await mailFiles())].filter((f) => !mailsBefore.has(f))).toEqual([]);
  // They send it themselves; once the customer approves, the link opens the replay at that second.
  const asked = await mailFiles();
  await colleague.getByRole("button", { name: "Send the request by email" }).click();
  await expect(colleague.getByTestId("reveal-requests")).toContainText("waiting for the customer");
  await approveFromEmail(browser, customerEmail, asked, "A colleague pointed me to the moment at 1 s of this recording, to help with your request.");
  await colleague.goto(momentPath);
  await expect(colleague.getByTestId("replay-viewer").locator("iframe")).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => position(colleague), { timeout: 20_000 }).toBeGreaterThanOrEqual(1000);
  expect(await position(colleague)).toBeLessThan(2000);
  await colleagueContext.close();
  await agentContext.close();
});

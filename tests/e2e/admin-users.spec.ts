import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { runWithAppDatabase } from "./fixtures/database";
import { linksIn, mailFiles, waitForMail } from "./fixtures/mail";

const ADMIN = "admin@demo.test";
const newEmail = (name: string) => `${name}-${randomBytes(4).toString("hex")}@e2e.example`;

const roles = async (request: APIRequestContext) => {
  const res = await request.get("/api/v1/me");
  return res.status() === 200 ? ((await res.json()) as { roles: string[] }).roles : res.status();
};

// Test-only: moves a grant's review date into the past, as if it had been left unreviewed for
// `days`. The product has no such command on purpose: review dates move only by granting or
// confirming. Runs against the app's database with the app's own settings.
function backdateReview(email: string, role: string, days: number): void {
  runWithAppDatabase(`
    const r = await db().roleGrant.updateMany({ where: { role: ${JSON.stringify(role)}, revokedAt: null, user: { email: ${JSON.stringify(email)} } }, data: { reviewDueAt: new Date(Date.now() - ${days} * 86400000) } });
    if (r.count !== 1) throw new Error("expected one grant, got " + r.count);
  `);
}

test.describe("admin: staff and roles (S2)", () => {
  test("an admin invites an agent, the agent signs in from the invitation and works; revoking and deactivating refuse the next request", async ({ page, browser }) => {
    await signInOverHttp(page.context(), ADMIN);
    const agentEmail = newEmail("agent");

    await page.goto("/admin/users");
    await page.getByLabel("Email address").fill(agentEmail);
    await page.getByLabel("Role").selectOption("agent");
    const before = await mailFiles();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Invitation queued for ${agentEmail}` })).toBeVisible();
    await expect(page.getByTestId(`user-${agentEmail}`)).toContainText("every site");

    // The agent follows the invitation to the sign-in page, then the magic link.
    const invite = await waitForMail(agentEmail, before, /invited to Replaydesk/);
    expect(invite.text).toContain("agent role");
    // The outbox page lists it as sent, the recipient masked.
    await page.goto("/admin/outbox?status=done");
    const masked = `${agentEmail[0]}•••@${agentEmail.split("@")[1]}`;
    await expect(page.getByRole("row").filter({ hasText: "invite" }).filter({ hasText: masked }).first()).toContainText("sent");
    await expect(page.getByText(agentEmail)).toHaveCount(0);
    await page.goto("/admin/users");
    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await agent.goto(linksIn(invite)[0]!);
    await agent.getByLabel("Email address").fill(agentEmail);
    const beforeSignIn = await mailFiles();
    await agent.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(agent.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const signIn = await waitForMail(agentEmail, beforeSignIn, /sign-in link/);
    await agent.goto(linksIn(signIn).find((l) => l.includes("/signin/confirm#"))!);
    await agent.getByRole("button", { name: `Sign in as ${agentEmail}` }).click();
    await expect(agent).toHaveURL(/\/desk/);
    expect(await roles(agent.request)).toEqual(["customer", "agent"]);
    expect((await agent.request.get("/api/v1/desk/tickets")).status()).toBe(200);

    // Revoked: the agent's very next request no longer carries the role.
    await page.getByRole("button", { name: `Revoke agent from ${agentEmail}` }).click();
    await expect(page.getByTestId(`user-${agentEmail}`)).toContainText("none (customer only)");
    expect((await agent.request.get("/api/v1/desk/tickets")).status()).toBe(403);
    expect(await roles(agent.request)).toEqual(["customer"]);

    // Deactivated: the session is gone at once.
    await page.getByRole("button", { name: `Deactivate ${agentEmail}` }).click();
    await page.getByRole("button", { name: "Yes, deactivate" }).click();
    await expect(page.getByTestId(`user-${agentEmail}`)).toContainText("deactivated");
    expect(await roles(agent.request)).toBe(401);
    await agentContext.close();
  });

  test("an overdue grant is suspended by the sweeper, admins are told, and a confirmation restores it", async ({ page, playwright }) => {
    test.setTimeout(240_000);
    await signInOverHttp(page.context(), ADMIN);
    const email = newEmail("overdue");
    const invited = await page.request.post("/api/v1/admin/users", { data: { email, role: "agent" } });
    expect(invited.status()).toBe(201);
    const agent = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
    await signInOverHttp(agent, email);
    expect(await roles(agent)).toEqual(["customer", "agent"]);

    const beforeSweep = await mailFiles();
    backdateReview(email, "agent", 15);
    // The app's own sweeper runs about every minute.
    await expect.poll(() => roles(agent), { timeout: 150_000, intervals: [2_000] }).toEqual(["customer"]);
    const summary = await waitForMail(ADMIN, beforeSweep, /suspended/);
    expect(summary.text).toContain(`${email}: agent`);

    await page.goto("/admin/access-review");
    const row = page.getByTestId(`grant-${email}-agent`);
    await expect(row).toContainText("suspended");
    await expect(row).toContainText("(overdue)");
    await row.getByRole("button", { name: `Confirm agent of ${email}` }).click();
    await expect(row).toHaveCount(0);
    expect(await roles(agent)).toEqual(["customer", "agent"]);
    await agent.dispose();
  });

  test("the invitation form explains bad input and invites nobody", async ({ page }) => {
    await signInOverHttp(page.context(), ADMIN);
    await page.goto("/admin/users");
    await page.getByLabel("Email address").fill("not-an-email");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.locator("#invite-email-error")).toHaveText("Enter a valid email address, like name@example.com.");
    await expect(page.getByTestId("user-not-an-email")).toHaveCount(0);

    const res = await page.request.post("/api/v1/admin/users", { data: { email: newEmail("x"), role: "owner" } });
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/role: must be one of agent, supervisor, admin/);
  });

  test("the permission table is generated from the policy", async ({ page }) => {
    await signInOverHttp(page.context(), ADMIN);
    await page.goto("/admin/permissions");
    const row = page.getByRole("row", { name: /unmask:approve/ });
    await expect(row).toContainText("Validate internally a request to view unmasked content (M1)");
    // Only supervisors validate unmasking.
    await expect(row.getByLabel("allowed", { exact: true })).toHaveCount(1);
    await expect(row.getByLabel("not allowed", { exact: true })).toHaveCount(4);
    // Only the privacy officer holds the M2 key custody (privacy point 6).
    const custody = page.getByRole("row", { name: /unmask:custody/ });
    await expect(custody.getByLabel("allowed", { exact: true })).toHaveCount(1);
    await expect(page.getByRole("columnheader", { name: "privacy-officer" })).toBeVisible();
  });
});

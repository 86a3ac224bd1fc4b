import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";

const BASE = process.env.E2E_BASE_URL!;

// What the recorder receives, asked as a page on the site's allowed origin would ask.
async function sdkConfig(request: APIRequestContext, siteKey: string) {
  const res = await request.get(`/api/v1/sdk-config?siteKey=${siteKey}`, { headers: { Origin: BASE } });
  expect(res.status()).toBe(200);
  return (await res.json()) as { maskingMode: string; vaultPublicKey: string | null; retentionHours?: number; maskSelectors: string[] };
}

// A site of its own (origin: the app itself, like the demo shop), so other suites' demo site stays as it was.
async function createSite(page: Page): Promise<{ id: string; key: string; name: string }> {
  const name = `E2E Shop ${randomBytes(3).toString("hex")}`;
  await page.goto("/admin/sites");
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel("Allowed origins, one per line").fill(BASE);
  await page.getByRole("button", { name: "Create site" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop()!;
  return { id, key: (await page.getByTestId("site-key").textContent())!, name };
}

test.describe("admin: site settings and the compliance record", () => {
  test.beforeEach(async ({ page }) => {
    await signInOverHttp(page.context(), "admin@demo.test");
  });

  test("changing the masking mode shows up in the SDK's configuration and in the compliance record", async ({ page }) => {
    const site = await createSite(page);
    await expect(page.getByTestId("sdk-snippet")).toContainText(`data-site-key="${site.key}"`);
    expect(await sdkConfig(page.request, site.key)).toMatchObject({ maskingMode: "M3", vaultPublicKey: null });

    await page.goto(`/admin/sites/${site.id}/compliance`);
    await expect(page.getByTestId("compliance-verdict")).toHaveText("Every measure of the recommended row is in place.");
    await expect(page.getByTestId("measure-M3")).toContainText("never collected");

    // M2 needs a key custodian (privacy point 6): without one it cannot be chosen, the form says
    // why, and the server refuses a direct call with the same reason.
    await page.goto(`/admin/sites/${site.id}`);
    await expect(page.getByLabel(/^M2: collect it sealed/)).toBeDisabled();
    await expect(page.getByText(/Not available: M2 needs a key custodian outside the publisher's staff/)).toBeVisible();
    const m2 = await page.request.patch(`/api/v1/admin/sites/${site.id}`, { headers: { origin: BASE }, data: { maskingMode: "M2" } });
    expect(m2.status()).toBe(400);
    expect(((await m2.json()) as { error: { message: string } }).error.message).toMatch(/^maskingMode: M2 needs a key custodian/);

    // M1 without a vault key falls short: the form warns before saving.
    await page.getByLabel(/^M1: collect it, unmask after internal validation/).check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "fall short of the recommendation" })).toContainText("M1 is selected but the site has no vault key");
    expect((await sdkConfig(page.request, site.key)).maskingMode).toBe("M3");
    await page.getByRole("button", { name: "Save anyway" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toContainText("maskingMode");
    expect(await sdkConfig(page.request, site.key)).toMatchObject({ maskingMode: "M1", vaultPublicKey: null });

    await page.goto(`/admin/sites/${site.id}/compliance`);
    const m1 = page.getByTestId("measure-M1");
    await expect(m1.locator(".tag")).toHaveText("shortfall");
    await expect(m1.locator(".shortfall")).toContainText("no vault key");
    await expect(m1.locator(".shortfall")).toHaveCSS("color", "rgb(180, 35, 24)");
    await expect(m1).toContainText("M2 cannot be chosen: no key custodian is enrolled for this site");
    await expect(page.getByTestId("compliance-verdict")).toContainText("1 shortfall");
    const json = await page.request.get(`/api/v1/admin/sites/${site.id}/compliance.json`);
    expect(((await json.json()) as { measures: { code: string; status: string }[] }).measures.find((m) => m.code === "M1")?.status).toBe("shortfall");

    // With a vault key, M1 is in place and the SDK seals to that key; rotation keeps the old one retired.
    await page.goto(`/admin/sites/${site.id}`);
    await page.getByRole("button", { name: "Generate vault key" }).click();
    await page.getByRole("button", { name: "Yes, generate vault key" }).click();
    await expect(page.getByTestId("vault-active")).toBeVisible();
    const first = (await sdkConfig(page.request, site.key)).vaultPublicKey;
    expect(first).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    await page.getByRole("button", { name: "Rotate vault key" }).click();
    await page.getByRole("button", { name: "Yes, rotate vault key" }).click();
    await expect(page.getByText("1 retired key(s), kept to open recordings sealed to them")).toBeVisible();
    const second = (await sdkConfig(page.request, site.key)).vaultPublicKey;
    expect(second).not.toBe(first);

    await page.goto(`/admin/sites/${site.id}/compliance`);
    await expect(page.getByTestId("measure-M1").locator(".tag")).toHaveText("on");
    await expect(page.getByTestId("measure-M1")).toContainText("1 retired key(s)");
    await expect(page.getByTestId("compliance-verdict")).toHaveText("Every measure of the recommended row is in place.");
  });

  test("every settings form rejects invalid input with a clear message and saves nothing", async ({ page }) => {
    const site = await createSite(page);
    const save = () => page.getByRole("button", { name: "Save settings" }).click();
    const nothingSaved = page.getByRole("alert").filter({ hasText: "Nothing was saved" });

    await page.getByLabel("Allowed origins, one per line").fill(`${BASE}\nshop dot example`);
    await save();
    await expect(page.locator("#s-allowedOrigins-error")).toContainText('"shop dot example" is not an origin such as https://shop.example');
    await expect(nothingSaved).toBeVisible();
    await page.getByLabel("Allowed origins, one per line").fill(BASE);

    await page.getByLabel(/^Hours after the end of the session/).fill("99");
    await save();
    await expect(page.locator("#s-retentionHours-error")).toHaveText("must be at most 72");
    await page.getByLabel(/^Hours after the end of the session/).fill("8");
    await save();
    await expect(page.locator("#s-retentionJustification-error")).toContainText("required when retention is over 4 hours");
    await expect(page.locator("#s-retentionReason-error")).toContainText("choose why support situations need it");
    await page.getByLabel(/^Hours after the end of the session/).fill("4");

    await page.getByLabel("Extra mask selectors, one per line").fill(".price\nform > input");
    await save();
    await expect(page.locator("#s-maskSelectors-error")).toContainText('Unsupported CSS selector "form > input"');
    await expect(nothingSaved).toBeVisible();

    // The server applies the same rules to a direct call, and saves nothing of a bad request.
    const res = await page.request.patch(`/api/v1/admin/sites/${site.id}`, { data: { maskingMode: "M1", blockSelectors: "a:hover" } });
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('blockSelectors: Unsupported CSS selector "a:hover"');

    await page.reload();
    await expect(page.getByLabel("Allowed origins, one per line")).toHaveValue(BASE);
    await expect(page.getByLabel(/^Hours after the end of the session/)).toHaveValue("4");
    await expect(page.getByLabel("Extra mask selectors, one per line")).toHaveValue("");
    expect(await sdkConfig(page.request, site.key)).toMatchObject({ maskingMode: "M3", maskSelectors: [] });

    // Other forms of the area: a new site without a name, a token without a name.
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.locator("#token-name-error")).toContainText("give the token a name");
    await expect(page.getByRole("status").filter({ hasText: "No token yet." })).toBeVisible();
    await page.goto("/admin/sites");
    await page.getByLabel("Allowed origins, one per line").fill("ftp://files.example");
    await page.getByRole("button", { name: "Create site" }).click();
    await expect(page.locator("#site-name-error")).toContainText("must be 2 to 100 characters");
    await expect(page.getByRole("alert").filter({ hasText: "ftp://files.example" })).toContainText("is not an origin");
    await expect(page).toHaveURL(/\/admin\/sites$/);
  });

  test("a retention above a few hours needs a justification and is flagged in red", async ({ page }) => {
    const site = await createSite(page);
    await page.getByLabel(/^Hours after the end of the session/).fill("12");
    await page.getByLabel(/^Justification/).fill("Our customers usually contact support the morning after an evening order fails.");
    await page.getByLabel(/^Reason/).selectOption("late-contact");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "fall short" })).toContainText('Retention of 12 hours is beyond "a few hours');
    await page.getByRole("button", { name: "Save anyway" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toContainText("retentionHours");
    await page.goto(`/admin/sites/${site.id}/compliance`);
    await expect(page.getByTestId("measure-Retention").locator(".shortfall")).toContainText("12 hours");
    await expect(page.getByTestId("measure-Retention")).toContainText("Justification: Customers contact support later than a few hours after the visit (measured in the ticket history): Our customers usually contact support");
    await expect(page.getByTestId("document-retention-justification")).toContainText("Our customers usually contact support the morning after");
  });

  test("an API token is shown once, then listed and revocable", async ({ page }) => {
    await createSite(page);
    await page.getByLabel("Token name").fill("Helpdesk");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByTestId("new-token")).toHaveText(/^rdt_[A-Za-z0-9_-]{43}$/);
    const token = (await page.getByTestId("new-token").textContent())!;
    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    expect(await page.content()).not.toContain(token);
    await page.getByRole("button", { name: "Revoke token Helpdesk" }).click();
    await expect(page.getByRole("row", { name: /Helpdesk/ })).toContainText("revoked");
  });

  test("an outbound webhook: an internal URL is refused, the secret is shown once, the endpoint listed, rotated and disabled", async ({ page }) => {
    await createSite(page);
    await page.getByLabel("Endpoint URL").fill("https://10.0.0.7/replaydesk");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "loopback, private or reserved" })).toBeVisible();
    await page.getByLabel("Endpoint URL").fill("https://93.184.216.34/replaydesk");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByTestId("new-webhook-secret")).toHaveText(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const secret = (await page.getByTestId("new-webhook-secret").textContent())!;
    await page.reload();
    await expect(page.getByTestId("new-webhook-secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
    await expect(page.getByRole("row", { name: /93\.184\.216\.34/ })).toContainText("reveal.requested");
    await page.getByRole("button", { name: "Rotate the secret of https://93.184.216.34/replaydesk" }).click();
    await expect(page.getByTestId("new-webhook-secret")).not.toHaveText(secret);
    await page.getByRole("button", { name: "Disable https://93.184.216.34/replaydesk" }).click();
    await expect(page.getByRole("row", { name: /93\.184\.216\.34/ })).toContainText("disabled");
  });

  test("a helpdesk connection: the secret shown once, the API token never; rotated, then disconnected after a confirmation", async ({ page }) => {
    await createSite(page);
    const panel = page.getByRole("region", { name: "Helpdesk connections" });
    await panel.getByLabel("Helpdesk", { exact: true }).selectOption("zammad");
    await panel.getByLabel("Name (optional)").fill("Support Zammad");
    await panel.getByLabel("API URL").fill("https://10.0.0.7");
    await panel.getByLabel("API token").fill("zammad-token-e2e-0123456789");
    await panel.getByRole("button", { name: "Connect helpdesk" }).click();
    await expect(panel.getByRole("alert").filter({ hasText: "loopback, private or reserved" })).toBeVisible();
    await panel.getByLabel("API URL").fill("https://93.184.216.34");
    await panel.getByRole("button", { name: "Connect helpdesk" }).click();
    await expect(panel.getByTestId("new-connection-secret")).toHaveText(/^[A-Za-z0-9_-]{43}$/);
    await expect(panel.getByTestId("connection-webhook-url")).toHaveText(/\/api\/v1\/helpdesk\/[^/]+\/webhook$/);
    const secret = (await panel.getByTestId("new-connection-secret").textContent())!;
    await page.reload();
    await expect(page.getByTestId("new-connection-secret")).toHaveCount(0);
    const html = await page.content();
    expect(html).not.toContain(secret);
    expect(html).not.toContain("zammad-token-e2e");
    const row = page.getByRole("row", { name: /Support Zammad/ });
    await expect(row).toContainText("https://93.184.216.34");
    await page.getByRole("button", { name: "Rotate the secret of Support Zammad" }).click();
    await expect(page.getByTestId("new-connection-secret")).not.toHaveText(secret);
    await page.getByRole("button", { name: "Disconnect Support Zammad" }).click();
    await page.getByRole("group", { name: "Confirm disconnecting Support Zammad" }).getByRole("button", { name: /^Disconnect/ }).click();
    await expect(row).toContainText("disconnected");
  });

  test("the consent page offers the banner text in English and French with the publisher's name", async ({ page }) => {
    const site = await createSite(page);
    await page.goto(`/admin/sites/${site.id}/consent`);
    await expect(page.getByTestId("banner-en")).toContainText(`${site.name} uses trackers (user journey recording tools) to reproduce the session(s)`);
    await expect(page.getByTestId("banner-fr")).toContainText(`${site.name} utilise des traceurs`);
    // Privacy point 9: what this site's mode does, the recipients, retention, rights and withdrawal, versioned.
    await expect(page.getByTestId("banner-en")).toContainText("Everything you type or read on the pages is masked in your browser and never collected.");
    await expect(page.getByTestId("banner-en")).toContainText(`Who receives it: ${site.name}'s support staff`);
    await expect(page.getByTestId("banner-en")).toContainText("A recording is deleted 4 hours after your visit ends");
    await expect(page.getByTestId("banner-en")).toContainText("You can withdraw your consent at any time, as easily as you gave it");
    await expect(page.getByTestId("banner-fr")).toContainText("aussi facilement que vous l'avez donné");
    const version = (await page.getByTestId("banner-version-en").textContent())!;
    expect(version).toMatch(/^rd1-[0-9a-f]{8}-[0-9a-f]{4}$/);
    await expect(page.getByTestId("banner-version-fr")).toHaveText(/^rd1-[0-9a-f]{8}-[0-9a-f]{4}$/);
    await expect(page.getByTestId("banner-version-fr")).not.toHaveText(version);
    await page.getByLabel("Publisher's name").fill("ACME");
    await page.getByLabel("Privacy contact").fill("privacy@acme.example");
    await expect(page.getByTestId("banner-en")).toContainText("requests that the ACME teams may receive");
    await expect(page.getByTestId("banner-en")).toContainText("or by writing to privacy@acme.example.");
    await expect(page.getByTestId("banner-version-en")).not.toHaveText(version);
    // An M1 site says an unmasked copy is kept, sealed, and the text's version changes with it.
    expect((await page.request.patch(`/api/v1/admin/sites/${site.id}`, { headers: { origin: BASE }, data: { maskingMode: "M1" } })).status()).toBe(200);
    await page.reload();
    await expect(page.getByTestId("banner-en")).toContainText("An unmasked copy is also kept, sealed");
    await expect(page.getByTestId("banner-version-en")).not.toHaveText(version);
    await expect(page.getByRole("status").filter({ hasText: "No consent used by an upload" })).toBeVisible();
    // Every record, for an audit: the session only as a keyed hash.
    const csv = await page.request.get(await page.getByTestId("consent-csv").getAttribute("href") as string);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).replace(/^\uFEFF/, "")).toMatch(/^proof_id,created_at,choice,banner_version,session_hash,used_by_upload_at,purpose\r\n/);
  });

  test("the pseudonym signing secret is shown once; storage use is shown against limits the admin sets", async ({ page }) => {
    await createSite(page);
    await expect(page.getByTestId("pseudonym-secret-state")).toContainText("No signing secret yet");
    await page.getByRole("button", { name: "Generate signing secret" }).click();
    await page.getByRole("button", { name: "Yes, generate signing secret" }).click();
    await expect(page.getByTestId("new-pseudonym-secret")).toHaveText(/^rdps_[A-Za-z0-9_-]{43}$/);
    const secret = (await page.getByTestId("new-pseudonym-secret").textContent())!;
    await page.reload();
    await expect(page.getByTestId("new-pseudonym-secret")).toHaveCount(0);
    await expect(page.getByTestId("pseudonym-secret-state")).toContainText("Current secret generated");
    expect(await page.content()).not.toContain(secret);

    await expect(page.getByTestId("storage-usage")).toContainText("0 MiB used of 2,048 MiB");
    await page.getByLabel("Cap per session (MiB)").fill("4096");
    await page.getByRole("button", { name: "Save storage limits" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "must be at most 1024" })).toBeVisible();
    await page.getByLabel("Cap per session (MiB)").fill("32");
    await page.getByLabel("Storage quota for the site (MiB)").fill("512");
    await page.getByRole("button", { name: "Save storage limits" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." }).last()).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("storage-usage")).toContainText("of 512 MiB");
    await expect(page.getByLabel("Cap per session (MiB)")).toHaveValue("32");
  });
});

test.describe("admin: audit log", () => {
  test("filters, shows the chain status, and exports a CSV", async ({ page }) => {
    await signInOverHttp(page.context(), "admin@demo.test");
    await page.goto("/admin/audit");
    await expect(page.getByTestId("chain-status")).toContainText("Chain intact");
    await page.getByLabel("Action").selectOption("site.create");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=site\.create/);
    const actions = await page.locator("tbody tr td:nth-child(4)").allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(["site.create"]));
    const total = Number(/^(\d+) entr/.exec((await page.getByText(/entr(y|ies), newest first/).textContent())!)?.[1]);

    const csv = await page.request.get("/api/v1/admin/audit.csv?action=site.create");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("seq,at,actor,action,target_type,target_id,site_id,justification,details,hash");
    expect(lines.length).toBe(total + 1);
    expect(lines.slice(1).every((l) => l.split(",")[3] === "site.create")).toBe(true);
    expect((await page.request.get("/api/v1/admin/audit.csv?from=yesterday")).status()).toBe(400);
  });
});

import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { createTestSite } from "./fixtures/sites";
import { askForHelpFromShop } from "./fixtures/story";

// The DPO's side (privacy points 2, 10, 11): the compliance record with its documents, printable;
// rights requests received by other channels, handled on /admin/rights.

test.describe("the DPO's pack and rights requests", () => {
  test("the compliance page shows computed measures in red where they fall short, the DPO's documents, and prints cleanly", async ({ page }, info) => {
    await signInOverHttp(page.context(), "admin@demo.test");
    // The manual trigger on: L2 falls short (the site's own code could upload any session).
    const site = await createTestSite(page.request, { triggers: ["ticket", "manual"] });
    await page.goto(`/admin/sites/${site.id}/compliance`);
    const l2 = page.getByTestId("measure-L2");
    await expect(l2.locator(".tag")).toHaveText("shortfall");
    await expect(l2.locator(".shortfall")).toContainText("The manual trigger is on");
    await expect(l2.locator(".shortfall")).toHaveCSS("color", "rgb(180, 35, 24)");
    await expect(page.getByTestId("measure-M0").locator(".tag")).toHaveText("on");
    await expect(page.getByTestId("measure-Consent")).toContainText(/current settings is version rd1-[0-9a-f]{8}-[0-9a-f]{4}/);
    await expect(page.getByTestId("compliance-verdict")).toContainText("1 shortfall against the recommended row");
    for (const id of ["roles", "record-of-processing", "dpia", "processing-agreement-annex", "retention-justification"]) await expect(page.getByTestId(`document-${id}`)).toBeVisible();
    await expect(page.getByTestId("document-record-of-processing")).toContainText("Record of processing activities (Art. 30 GDPR)");
    await expect(page.getByTestId("document-roles")).toContainText("Run by the publisher itself (self-hosted)");
    await expect(page.getByTestId("document-processing-agreement-annex")).toContainText("L2 — Collection limited to a trigger");
    await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
    await page.screenshot({ path: info.outputPath("compliance-screen.png"), fullPage: true });
    await page.locator("section[aria-labelledby=measures]").screenshot({ path: info.outputPath("compliance-measures.png") });

    // Printed: no navigation, no buttons, the shortfalls still red, each document on its own page.
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".admin-nav")).toBeHidden();
    await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
    await expect(l2.locator(".shortfall")).toHaveCSS("color", "rgb(180, 35, 24)");
    await expect(page.getByTestId("document-dpia")).toHaveCSS("break-before", "page");
    await page.screenshot({ path: info.outputPath("compliance-print.png"), fullPage: true });
    await page.screenshot({ path: info.outputPath("compliance-print-top.png") });
    await page.getByTestId("document-record-of-processing").screenshot({ path: info.outputPath("compliance-print-record.png") });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

    const json = (await (await page.request.get(`/api/v1/admin/sites/${site.id}/compliance.json`)).json()) as { compliant: boolean; documents: { id: string }[]; measures: { code: string; status: string }[] };
    expect(json.compliant).toBe(false);
    expect(json.measures.find((m) => m.code === "L2")?.status).toBe("shortfall");
    expect(json.documents.map((d) => d.id)).toEqual(["roles", "record-of-processing", "dpia", "processing-agreement-annex", "retention-justification"]);
  });

  test("the compliance page names an M2 site's key custodian; without one it says why M2 cannot be chosen", async ({ page }, info) => {
    await signInOverHttp(page.context(), "admin@demo.test");
    // Privacy point 6: an M2 site with its enrolled custodian is in place, and the record says who holds the custody.
    const custodied = await createTestSite(page.request, { maskingMode: "M2" });
    await page.goto(`/admin/sites/${custodied.id}/compliance`);
    const m2 = page.getByTestId("measure-M2");
    await expect(m2.locator(".tag")).toHaveText("on");
    await expect(m2).toContainText(`Key custodian: ${custodied.custodian!.email} since `);
    await expect(page.getByTestId("measure-S1 sealed copy").locator(".tag")).toHaveText("on");
    await expect(page.getByTestId("evidence-custody")).toContainText(`Key custody (M2): ${custodied.custodian!.email}, since `);
    await expect(page.getByTestId("document-roles")).toContainText("only what the key custodian unsealed for an approval");
    await expect(page.getByTestId("compliance-verdict")).toHaveText("Every measure of the recommended row is in place.");
    await page.locator("section[aria-labelledby=measures]").screenshot({ path: info.outputPath("compliance-m2-custodian.png") });
    await page.locator("section[aria-labelledby=evidence]").screenshot({ path: info.outputPath("compliance-m2-custodian-evidence.png") });

    // Without a custodian the site stays on M3 and the record says why M2 cannot be chosen.
    const uncustodied = await createTestSite(page.request, {});
    await page.goto(`/admin/sites/${uncustodied.id}/compliance`);
    await expect(page.getByTestId("measure-M3")).toContainText("M2 cannot be chosen: no key custodian is enrolled for this site");
    await expect(page.getByTestId("evidence-custody")).toHaveText("Key custody (M2): no key custodian enrolled, so M2 cannot be chosen.");
    await expect(page.getByTestId("measure-S1 sealed copy").locator(".tag")).toHaveText("not required");
    await expect(page.getByTestId("measure-Sensitive pages")).toContainText("Patterns in force: /account/*, /health/*.");
    await expect(page.getByTestId("document-roles")).toContainText("None: M2 cannot be chosen on this site.");
    await page.locator("section[aria-labelledby=measures]").screenshot({ path: info.outputPath("compliance-no-custodian.png") });
  });

  test("rights requests: an admin finds a customer by email, downloads their data and erases it, each step audited", async ({ page, browser }, info) => {
    await signInOverHttp(page.context(), "admin@demo.test");
    const site = await createTestSite(page.request, {});
    const email = `rights-${randomBytes(3).toString("hex")}@customer.example`;
    const shopContext = await browser.newContext();
    await askForHelpFromShop(await shopContext.newPage(), { email, siteKey: site.publicKey });
    await shopContext.close();

    await page.goto("/admin/rights");
    await expect(page.getByRole("link", { name: "Rights requests" })).toHaveAttribute("aria-current", "page");
    // Without a reason nothing is searched, and the form says why.
    await page.getByRole("textbox", { name: "Email address" }).fill(email);
    await page.getByRole("button", { name: "Find" }).click();
    await expect(page.locator("#rights-reason-error")).toContainText("say how the request was received");

    const reason = "Access and erasure requested by email on 3 December";
    await page.getByLabel("The request, as received").fill(reason);
    await page.getByRole("button", { name: "Find" }).click();
    const held = page.getByTestId("rights-holdings");
    await expect(held.getByRole("heading", { name: `What is held: ${email}` })).toBeVisible();
    await expect(held).toContainText("Tickets (1)");
    await expect(held).toContainText("My order cannot be validated");
    await expect(held).toContainText("Recordings (1)");
    await expect(page.getByTestId("rights-consent-note")).toContainText("cannot be found, exported or erased for someone");
    await page.screenshot({ path: info.outputPath("rights-found.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download their data (JSON)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^replaydesk-export-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile((await download.path())!, "utf8")) as { account: { email: string }; tickets: unknown[]; recordings: unknown[] };
    expect(exported.account.email).toBe(email);
    expect([exported.tickets.length, exported.recordings.length]).toEqual([1, 1]);

    await page.getByRole("button", { name: "Erase their data…" }).click();
    await expect(page.getByRole("alertdialog")).toContainText("This cannot be undone");
    await page.getByRole("button", { name: "Yes, erase" }).click();
    await expect(page.getByTestId("rights-done")).toContainText("Erased: 1 recording(s) deleted, 1 ticket(s)");
    await expect(page.getByTestId("rights-done")).toContainText("the account was deleted");

    await page.getByRole("button", { name: "Find" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nobody with this email address has data on the sites you cover." })).toBeVisible();

    const csv = await (await page.request.get("/api/v1/admin/audit.csv?action=rights.erase")).text();
    expect(csv).toContain(reason);
    expect(csv).toContain("admin@demo.test");
    expect(csv).not.toContain(email);
  });
});

import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./fixtures/a11y";
import { signInOverHttp } from "./fixtures/auth";
import { linksIn, mailFiles, waitForMail } from "./fixtures/mail";
import { askToView } from "./fixtures/story";
import { sqliteOnly } from "./fixtures/database";
import { postTicket } from "./fixtures/tickets";

// Issue 14, points 4 and 5: a French-speaking visitor in Paris gets the support dialog, the
// emails, the approval page and /support in French, with times in Paris time; and every page a
// customer sees fits a 390 px wide phone, with no serious or critical accessibility violation
// (axe-core). Language, layout and accessibility do not depend on the database: SQLite only.
sqliteOnly("language and phone checks");

const PHONE = { width: 390, height: 844 };
const FRENCH = { locale: "fr-FR", timezoneId: "Europe/Paris", extraHTTPHeaders: { "Accept-Language": "fr-FR,fr;q=0.9" } };

// The page's width, and the first elements that stick out (named in the failure message).
async function expectNoHorizontalScroll(page: Page, what: string) {
  const { width, wide } = await page.evaluate((limit) => {
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { width: document.documentElement.scrollWidth, wide };
  }, PHONE.width);
  expect(width, `${what}: page width at 390 px; too wide: ${wide.join(", ")}`).toBeLessThanOrEqual(PHONE.width);
}

test("a fr-FR visitor on a phone: French dialog, French emails, French approval page and /support, Paris time, nothing wider than 390 px", async ({ browser }) => {
  test.setTimeout(180_000);
  const email = `fr-${randomBytes(4).toString("hex")}@example.test`;
  const subject = `Ma commande ${randomBytes(3).toString("hex")}`;

  // The support dialog on the demo shop, in French, at phone width.
  const visitor = await browser.newContext({ ...FRENCH, viewport: PHONE });
  const shop = await visitor.newPage();
  const before = await mailFiles();
  await shop.goto("/demo/shop");
  await shop.getByTestId("consent-accept").click();
  await shop.getByTestId("help-button").click();
  const dialog = shop.getByTestId("replaydesk-support");
  await expect(dialog.getByRole("heading", { name: "Contacter le support" })).toBeVisible();
  await expect(dialog.getByText("Votre adresse e-mail")).toBeVisible();
  await expectNoHorizontalScroll(shop, "the SDK dialog on /demo/shop");
  await shop.getByTestId("replaydesk-support-submit").click();
  await expect(dialog.getByText("Saisissez votre adresse e-mail.")).toBeVisible();
  await shop.getByTestId("replaydesk-support-email").fill(email);
  await shop.getByTestId("replaydesk-support-subject").fill(subject);
  await shop.getByTestId("replaydesk-support-message").fill("La validation de ma commande échoue.");
  await shop.getByTestId("replaydesk-support-submit").click();
  await expect(dialog.getByText("Demande envoyée")).toBeVisible({ timeout: 20_000 });
  await expectNoHorizontalScroll(shop, "the SDK dialog's confirmation");
  const ticketId = new URL((await shop.getByTestId("replaydesk-support-ticket-link").getAttribute("href"))!).pathname.split("/").pop()!;

  // The new account's ticket email is in French.
  const received = await waitForMail(email, before, /Nous avons reçu votre demande/);
  expect(received.text).toContain("assistance");

  // An agent asks to view; the approval email and page are in French, on a phone.
  const agentContext = await browser.newContext();
  await signInOverHttp(agentContext, "agent@demo.test");
  const agent = await agentContext.newPage();
  await agent.goto(`/desk/tickets/${ticketId}`);
  const beforeAsk = await askToView(agent, { scope: "masked", justification: "Pour voir l'étape qui échoue." });
  const approval = await waitForMail(email, beforeAsk, /Pouvons-nous voir/);
  const approvalPage = await visitor.newPage();
  await approvalPage.goto(linksIn(approval).find((l) => l.includes("decision=approve"))!);
  await expect(approvalPage.getByRole("heading", { name: "Un agent du support demande à voir l’enregistrement de votre visite" })).toBeVisible();
  await expect(approvalPage.getByText("Qui demande")).toBeVisible();
  await expect(approvalPage.getByTestId("approval-masking")).toContainText("Ce que");
  // Opened signed out, yet in the customer's time zone (the SDK sent Paris with the ticket).
  await expect(approvalPage.getByRole("main")).toContainText("UTC+1");
  await expectNoHorizontalScroll(approvalPage, "/approve");
  await expectNoSeriousA11yViolations(approvalPage, "/approve");
  // A link that is not valid (any more): the server's refusal, in French too.
  const staleLink = await visitor.newPage();
  await staleLink.goto(`/approve#token=${"x".repeat(43)}&decision=approve`);
  await expect(staleLink.getByTestId("approval-error")).toHaveText("Ce lien a déjà été utilisé, ou il n’est plus valide.");
  await staleLink.close();

  // The customer signed in: /support and the ticket page in French, times in Paris time (the SDK
  // sent the browser's zone when the account was made), at phone width.
  await signInOverHttp(visitor, email);
  const customer = await visitor.newPage();
  await customer.goto("/support");
  await expect(customer.getByRole("heading", { name: "Mes demandes d’assistance" })).toBeVisible();
  await expect(customer.getByRole("link", { name: subject })).toBeVisible();
  const updated = await customer.getByTestId("own-tickets").locator("td").last().textContent();
  expect(updated, "the time is said in Paris time").toMatch(/UTC\+[12]$/);
  await expectNoHorizontalScroll(customer, "/support");
  await expectNoSeriousA11yViolations(customer, "/support");
  await customer.screenshot({ path: test.info().outputPath("support-390.png"), fullPage: true });
  await customer.goto(`/support/tickets/${ticketId}`);
  await expect(customer.getByRole("heading", { name: "Conversation" })).toBeVisible();
  await expect(customer.getByText("Enregistrements de votre visite")).toBeVisible();
  await expectNoHorizontalScroll(customer, "/support/tickets/[id]");
  await expectNoSeriousA11yViolations(customer, "/support/tickets/[id]");
  await customer.getByRole("button", { name: "Revoir mon enregistrement" }).click();
  await expect(customer.getByTestId("replay-viewer").locator("iframe")).toBeVisible({ timeout: 20_000 });
  await expect(customer.getByText(/Ce qui s’est passé \(\d+ événements?\)/)).toBeVisible();
  await expectNoHorizontalScroll(customer, "the customer's own replay");
  await expectNoSeriousA11yViolations(customer, "the customer's own replay");
  await customer.getByTestId("replay-viewer").screenshot({ path: test.info().outputPath("own-replay-390.png") });
  await customer.goto("/account");
  await expect(customer.getByRole("heading", { name: "Votre compte", exact: true })).toBeVisible();
  await expect(customer.getByLabel("Fuseau horaire", { exact: true })).toHaveValue("Europe/Paris");
  await expect(customer.getByText("Ouvrir une demande d’assistance")).toBeVisible();
  await expectNoHorizontalScroll(customer, "/account");
  await expectNoSeriousA11yViolations(customer, "/account");

  // The customer's own choice of language sticks: English now, and a later French ticket does not undo it.
  await customer.getByLabel("Langue", { exact: true }).selectOption("en");
  await customer.getByRole("button", { name: "Enregistrer" }).click();
  await expect(customer.getByRole("heading", { name: "Your account", exact: true })).toBeVisible();
  const shopPage = await (await visitor.request.get("/demo/shop")).text();
  const siteKey = /data-site-key="(pk_[^"]+)"/.exec(shopPage)![1]!;
  const again = await postTicket(visitor.request, new URL(customer.url()).origin, { siteKey, sessionId: null, email, subject: "Encore une question", message: "Bonjour", locale: "fr-FR", timeZone: "Asia/Tokyo" });
  expect(again.status(), await again.text()).toBe(201);
  await customer.reload();
  await expect(customer.getByRole("heading", { name: "Your account", exact: true })).toBeVisible();
  await expect(customer.getByLabel("Time zone", { exact: true })).toHaveValue("Europe/Paris");
  await agentContext.close();
  await visitor.close();
});

test("signed-out customer pages fit 390 px and follow Accept-Language", async ({ browser }) => {
  const context = await browser.newContext({ ...FRENCH, viewport: PHONE });
  const page = await context.newPage();
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Se connecter" })).toBeVisible();
  await expectNoHorizontalScroll(page, "/signin");
  await expectNoSeriousA11yViolations(page, "/signin");
  await page.goto(`/signin/check-email?email=${encodeURIComponent(`a-very-long-address-${"x".repeat(40)}@example.test`)}`);
  await expect(page.getByRole("heading", { name: "Consultez vos e-mails" })).toBeVisible();
  await expectNoHorizontalScroll(page, "/signin/check-email");
  await expectNoSeriousA11yViolations(page, "/signin/check-email");
  await page.goto("/support/confirm");
  await expect(page.getByRole("heading", { name: "Cette demande d’assistance est-elle la vôtre ?" })).toBeVisible();
  await expectNoHorizontalScroll(page, "/support/confirm");
  await expectNoSeriousA11yViolations(page, "/support/confirm");
  await context.close();

  const english = await browser.newContext({ viewport: PHONE, locale: "en-GB", extraHTTPHeaders: { "Accept-Language": "de-DE,en;q=0.5" } });
  const en = await english.newPage();
  await en.goto("/signin");
  await expect(en.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await english.close();
});

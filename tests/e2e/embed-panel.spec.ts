import { createServer, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { runWithAppDatabase } from "./fixtures/database";
import { mailFiles, waitForMail } from "./fixtures/mail";
import { approveFromEmail, askForHelpFromShop, askToView, expectReplayRenders } from "./fixtures/story";

// The agent panel inside a helpdesk (issue 13, point 5): a stand-in helpdesk on a second loopback
// origin (127.0.0.1, another site than the app's localhost) frames /embed/<connectionId>; the agent
// signs in there with a mailed code, asks to view, the customer approves by email, the agent
// watches, all inside the frame. A page of an origin the connection does not list cannot frame it.

const APP = process.env.E2E_BASE_URL!;
const HOST_PORT = Number(new URL(APP).port) + 50;
const HOST = `http://127.0.0.1:${HOST_PORT}`;
const FOREIGN = `http://127.0.0.1:${HOST_PORT + 1}`;
const AGENT = "agent@demo.test";
const JUSTIFICATION = "The customer cannot validate the order; I need to see which step fails.";

// The stand-in helpdesk: a ticket page with the panel in a sidebar frame (the panel URL as the
// helpdesk's app settings would hold it), and a Chatwoot-like page that tells the frame which
// conversation is open, by postMessage, when the app asks ("chatwoot-dashboard-app:fetch-info").
function helpdeskPage(panelUrl: string, chatwootConversation?: string): string {
  const answer = chatwootConversation
    ? `<script>addEventListener("message", (e) => { if (e.data === "chatwoot-dashboard-app:fetch-info") e.source.postMessage(JSON.stringify({ event: "appContext", data: { conversation: { id: ${chatwootConversation} }, currentAgent: { id: 1 } } }), "*"); });</script>`
    : "";
  return `<!doctype html><html><head><title>Helpdesk</title><style>body{font-family:sans-serif;display:flex;gap:16px;margin:0;background:#f3f4f6}main{flex:1;padding:16px}aside{width:960px;height:100vh;background:#fff;border-left:1px solid #ddd}iframe{border:0;width:100%;height:100%}</style>${answer}</head>
<body><main><h1>Helpdesk</h1><p>Conversation with the customer: "My order cannot be validated".</p></main><aside><iframe title="Replaydesk" src="${panelUrl}"></iframe></aside></body></html>`;
}

// A Zendesk-like page: answers the ZAF SDK's handshake and its get("ticket.id") request, as
// Zendesk's app framework does for a ticket sidebar app.
function zendeskPage(panelUrl: string, ticketId: string): string {
  const answer = `<script>addEventListener("message", (e) => {
    const m = typeof e.data === "string" ? JSON.parse(e.data) : {};
    const reply = (msg) => e.source.postMessage(JSON.stringify(msg), e.origin);
    if (m.key === "iframe.handshake") reply({ key: "zaf.app.registered", message: { metadata: {}, context: { location: "ticket_sidebar" } } });
    if (m.request === "get") reply({ id: m.id, result: { "ticket.id": ${ticketId} } });
  });</script>`;
  return helpdeskPage(panelUrl).replace("</head>", `${answer}</head>`);
}

// Links the customer's ticket to a new connection of `kind` framed by HOST (as
// `npm run admin -- connect-helpdesk … --frame-origin` and the helpdesk's webhook would), and
// returns the connection's id.
function linkToNewConnection(ticketId: string, kind: "chatwoot" | "zendesk", externalId: string): string {
  return runWithAppDatabase(`
    const { connectHelpdesk } = require("./lib/helpdesk/connections.ts");
    const ticket = await db().ticket.findUniqueOrThrow({ where: { id: ${JSON.stringify(ticketId)} } });
    const c = await connectHelpdesk({ id: null, label: "e2e" }, { site: ticket.siteId, kind: ${JSON.stringify(kind)}, frameOrigins: [${JSON.stringify(HOST)}] });
    await db().ticket.update({ where: { id: ticket.id }, data: { helpdeskConnectionId: c.id, helpdeskExternalId: ${JSON.stringify(externalId)} } });
    console.log(c.id);
  `);
}

// Signs in inside the panel's frame with the code the email carries.
async function signInInPanel(panel: FrameLocator, helpdesk: Page, screenshot?: string): Promise<void> {
  await expect(panel.getByRole("heading", { name: "Sign in to the agent panel" })).toBeVisible();
  const before = await mailFiles();
  await panel.getByLabel("Your work email address").fill(AGENT);
  await panel.getByRole("button", { name: "Email me a code" }).click();
  await expect(panel.getByText("If this address may use this panel, we sent it a code.")).toBeVisible();
  const mail = await waitForMail(AGENT, before, /agent panel code/);
  await panel.getByLabel("The code from the email").fill(/^([0-9A-Z]{8})$/m.exec(mail.text)![1]!);
  if (screenshot) await shot(helpdesk, screenshot);
  await panel.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(panel.getByText(`Signed in as ${AGENT}`)).toBeVisible();
}

function serve(port: number, page: (url: URL) => string): Promise<Server> {
  const server = createServer((req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(page(new URL(req.url ?? "/", `http://127.0.0.1:${port}`)));
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

test("the agent panel framed by a helpdesk: sign in with a mailed code, ask, the customer approves by email, watch", async ({ browser }) => {
  test.setTimeout(180_000);
  const customerEmail = `embed-${randomBytes(4).toString("hex")}@example.test`;
  const shop = await (await browser.newContext()).newPage();
  const ticketId = await askForHelpFromShop(shop, { email: customerEmail });

  const externalId = String(100_000 + Math.floor(Math.random() * 800_000));
  const connectionId = linkToNewConnection(ticketId, "chatwoot", externalId);
  const panelUrl = `${APP}/embed/${connectionId}`;
  let zendeskPanelUrl = "";
  const servers = await Promise.all([
    serve(HOST_PORT, (url) =>
      url.pathname === "/chatwoot" ? helpdeskPage(panelUrl, externalId) : url.pathname === "/zendesk" ? zendeskPage(zendeskPanelUrl, externalId) : helpdeskPage(`${panelUrl}?ticket=${externalId}`),
    ),
    serve(HOST_PORT + 1, () => helpdeskPage(`${panelUrl}?ticket=${externalId}`)),
  ]);
  try {
    // Headers: the panel may be framed by the connection's origin only; every other page by nobody.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const panelHeaders = (await context.request.get(panelUrl)).headers();
    expect(panelHeaders["content-security-policy"]).toMatch(new RegExp(`frame-ancestors ${HOST}$`));
    expect(panelHeaders["x-frame-options"]).toBeUndefined();
    expect(panelHeaders["cross-origin-opener-policy"]).toBeUndefined();
    const deskHeaders = (await context.request.get("/signin")).headers();
    expect(deskHeaders["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(deskHeaders["x-frame-options"]).toBe("DENY");
    expect(deskHeaders["cross-origin-opener-policy"]).toBe("same-origin");
    // A write whose Origin is the helpdesk's (or anyone's but ours) is refused, cookie or not.
    expect((await context.request.post(`${panelUrl}/api/code`, { headers: { origin: HOST }, data: { email: AGENT } })).status()).toBe(403);

    const helpdesk = await context.newPage();
    await helpdesk.goto(HOST);
    const panel = helpdesk.frameLocator("iframe");
    await signInInPanel(panel, helpdesk, "embed-sign-in");
    await expect(panel.getByTestId("recording")).toBeVisible();

    const asked = await askToView(panel, { scope: "masked", justification: JUSTIFICATION });
    await shot(helpdesk, "embed-asked");
    await approveFromEmail(browser, customerEmail, asked, JUSTIFICATION);
    await helpdesk.reload();
    await expectReplayRenders(panel, "Watch the replay");
    await shot(helpdesk, "embed-replay");

    // Chatwoot's dashboard app convention: no ticket in the URL, the host page tells it.
    await helpdesk.goto(`${HOST}/chatwoot`);
    await expect(panel.getByTestId("recording")).toBeVisible();

    // Zendesk's sidebar app convention: Zendesk appends ?origin=…&app_guid=…, the ZAF SDK asks the
    // host for ticket.id. A panel session is per connection: the agent signs in to this one too.
    const zendeskId = linkToNewConnection(ticketId, "zendesk", externalId);
    zendeskPanelUrl = `${APP}/embed/${zendeskId}?origin=${encodeURIComponent(HOST)}&app_guid=e2e-app`;
    await helpdesk.goto(`${HOST}/zendesk`);
    await signInInPanel(panel, helpdesk);
    await expect(panel.getByTestId("recording")).toBeVisible();

    // An origin the connection does not list: the browser refuses to show the panel in its frame.
    const foreign = await context.newPage();
    await foreign.goto(FOREIGN);
    // Chromium replaces a frame its frame-ancestors refuse with its error page.
    await expect.poll(() => foreign.frames()[1]?.url()).toBe("chrome-error://chromewebdata/");
    await expect(foreign.frameLocator("iframe").getByText("Sign in to the agent panel")).toHaveCount(0);
    await expect(foreign.frameLocator("iframe").getByTestId("recording")).toHaveCount(0);
    await context.close();
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
});

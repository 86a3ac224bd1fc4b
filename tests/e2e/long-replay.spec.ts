import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./fixtures/auth";
import { approveFromEmail, askToView, expectReplayRenders } from "./fixtures/story";
import { postTicket } from "./fixtures/tickets";

// A recording of many chunks (several pages of the viewer's progressive loading), opened in a
// fresh browser: the first frame must show even when later pages arrive before the player's code.
test("a long recording renders on its first opening, while its later pages load", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const origin = process.env.E2E_BASE_URL!;
  const siteKey = /data-site-key="(pk_[^"]+)"/.exec(await (await request.get("/demo/shop")).text())![1]!;
  const sessionId = `s_${randomBytes(16).toString("base64url")}`;
  const start = Date.now() - 60_000;
  const node = (id: number, tag: string, children: object[] = []) => ({ type: 2, id, tagName: tag, attributes: {}, childNodes: children });
  const snapshot = {
    type: 2, timestamp: start,
    data: { node: { type: 0, id: 1, childNodes: [node(2, "html", [node(3, "body", [node(4, "h1", [{ type: 3, id: 5, textContent: "Long visit" }])])])] }, initialOffset: { left: 0, top: 0 } },
  };
  // Consent first, as the recorder does: its proof goes with every upload of the session.
  const consent = await request.post("/api/v1/consent", { headers: { origin, "content-type": "text/plain" }, data: JSON.stringify({ siteKey, sessionId, granted: true }) });
  expect(consent.status()).toBe(201);
  const { proofId } = (await consent.json()) as { proofId: string };
  for (let seq = 0; seq < 16; seq++) {
    const moves = Array.from({ length: 20 }, (_, i) => ({ type: 3, timestamp: start + seq * 3000 + i * 100, data: { source: 1, positions: [{ x: 10 + i, y: 20 + seq, id: 4, timeOffset: 0 }] } }));
    const events = seq === 0 ? [{ type: 4, timestamp: start, data: { href: `${origin}/demo/shop`, width: 1000, height: 700 } }, snapshot, ...moves] : moves;
    const res = await request.post("/api/v1/ingest", {
      headers: { origin, "content-type": "text/plain" },
      data: JSON.stringify({ v: 1, siteKey, sessionId, consent: proofId, seq, events, page: { url: `${origin}/demo/shop` }, ...(seq === 0 ? { trigger: { reason: "manual", kind: "manual" } } : {}) }),
    });
    expect(res.status()).toBe(201);
  }
  const customerEmail = `long-${randomBytes(4).toString("hex")}@example.test`;
  const ticket = await postTicket(request, origin, { siteKey, sessionId, email: customerEmail, subject: "A long visit", message: "Something went wrong after a while." });
  const { ticketId } = (await ticket.json()) as { ticketId: string };

  const agentContext = await browser.newContext();
  await signInOverHttp(agentContext, "agent@demo.test");
  const agent = await agentContext.newPage();
  await agent.goto(`/desk/tickets/${ticketId}`);
  const justification = "To follow the whole visit until the error.";
  const before = await askToView(agent, { scope: "masked", justification });
  await approveFromEmail(browser, customerEmail, before, justification);
  await agent.reload();
  await expectReplayRenders(agent, "Watch the replay");
  await expect(agent.getByText("Loading the rest of the recording…")).toHaveCount(0, { timeout: 15_000 });
  await agentContext.close();
});

// reveal.expired: announced once per request by the sweeper when a pending link lapses unanswered
// or an approval's window closes; concurrent sweepers never announce one twice; a site without
// webhooks gets no job; an expiry noticed more than a week late is not announced.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { requestReveal } from "@/lib/reveal/request-reveal";
import { announceExpiredReveals } from "@/lib/reveal/announce-expiry";
import { sweepOnce } from "@/lib/retention/sweep";
import { recordSession, revealWorld } from "./reveal-helpers";

const MINUTE = 60_000;
const ask = { scope: "masked" as const, justification: "To see where the payment fails" };

async function subscribe(siteId: string) {
  // Only the subscription matters here (delivery: webhooks.test.ts): the row as the admin's form writes it.
  await db().webhookEndpoint.create({ data: { siteId, url: "https://hooks.example/rd", events: ["reveal.expired"], secretSealed: "unused" } });
}

const expiredEvents = async (ticketId: string) =>
  (await db().job.findMany({ where: { kind: "webhook", ticketId }, orderBy: { createdAt: "asc" } }))
    .map((j) => (j.payload as { event: { type: string; data: Record<string, unknown> } }).event)
    .filter((e) => e.type === "reveal.expired");

describe("reveal.expired", () => {
  it("is queued once per request whose link lapsed or whose approval ended, even with two sweepers at once", async () => {
    const w = await revealWorld("expired");
    await subscribe(w.site.id);
    const { ticketId, recordingId } = await recordSession(w.site, w.customer);
    const lapsed = await requestReveal(w.agent, { ...ask, ticketId, recordingId });
    const ended = await requestReveal(w.otherAgent, { ...ask, ticketId, recordingId });
    const waiting = await requestReveal(w.supervisor, { ...ask, ticketId, recordingId });
    const now = new Date();
    await db().revealRequest.update({ where: { id: lapsed.id }, data: { tokenExpiresAt: new Date(now.getTime() - MINUTE) } });
    await db().revealRequest.update({ where: { id: ended.id }, data: { status: "approved", decidedAt: new Date(now.getTime() - 30 * MINUTE), accessUntil: new Date(now.getTime() - MINUTE) } });

    const [a, b] = await Promise.all([announceExpiredReveals(now), announceExpiredReveals(now)]);
    expect(a + b).toBeGreaterThanOrEqual(2);
    const events = await expiredEvents(ticketId);
    expect(events.map((e) => e.data).sort((x, y) => String(x.revealId).localeCompare(String(y.revealId)))).toEqual(
      [lapsed.id, ended.id].sort().map((revealId) => ({ siteId: w.site.id, ticketId, revealId, recordingId })),
    );
    // The sweeper's later runs find nothing new; the request still waiting is not announced.
    await sweepOnce({ now: new Date(now.getTime() + MINUTE) });
    expect(await expiredEvents(ticketId)).toHaveLength(2);
    expect((await db().revealRequest.findUniqueOrThrow({ where: { id: waiting.id } })).expiryAnnouncedAt).toBeNull();
    expect((await db().revealRequest.findUniqueOrThrow({ where: { id: lapsed.id } })).expiryAnnouncedAt).toEqual(now);
  });

  it("the sweeper announces; a site without webhooks gets no job; an expiry a week old is only marked", async () => {
    const w = await revealWorld("expired-quiet");
    const { ticketId, recordingId } = await recordSession(w.site, w.customer);
    const quiet = await requestReveal(w.agent, { ...ask, ticketId, recordingId });
    await db().revealRequest.update({ where: { id: quiet.id }, data: { tokenExpiresAt: new Date(Date.now() - MINUTE) } });
    const loud = await revealWorld("expired-loud");
    await subscribe(loud.site.id);
    const l = await recordSession(loud.site, loud.customer);
    const fresh = await requestReveal(loud.agent, { ...ask, ticketId: l.ticketId, recordingId: l.recordingId });
    const stale = await requestReveal(loud.otherAgent, { ...ask, ticketId: l.ticketId, recordingId: l.recordingId });
    await db().revealRequest.update({ where: { id: fresh.id }, data: { tokenExpiresAt: new Date(Date.now() - MINUTE) } });
    await db().revealRequest.update({ where: { id: stale.id }, data: { tokenExpiresAt: new Date(Date.now() - 8 * 24 * 60 * MINUTE) } });

    const run = await sweepOnce();
    expect(run.message).toMatch(/announced \d+ reveal expiry/);
    expect(await expiredEvents(ticketId)).toEqual([]);
    expect((await expiredEvents(l.ticketId)).map((e) => e.data.revealId)).toEqual([fresh.id]);
    for (const id of [quiet.id, fresh.id, stale.id]) expect((await db().revealRequest.findUniqueOrThrow({ where: { id } })).expiryAnnouncedAt).not.toBeNull();
  });
});

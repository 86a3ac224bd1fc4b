// A reveal request and its email on the outbox: the request stays pending, its link dead, while the
// email has not gone; the link's lifetime counts from delivery; approval works once it has gone; a
// request withdrawn before delivery sends nothing.
import { describe, expect, it } from "vitest";

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { derivedToken } = await import("@/lib/crypto/tokens");
const { requestReveal } = await import("@/lib/reveal/request-reveal");
const { decideReveal, lookupReveal } = await import("@/lib/reveal/decide-reveal");
const { revokeOpenReveals } = await import("@/lib/reveal/reveal-status");
const { tokenExpiry, APPROVAL_TOKEN_HOURS } = await import("@/lib/reveal/policy");
const { deliverDueJobs } = await import("@/lib/jobs/deliver");
const { recordSession, revealWorld } = await import("./reveal-helpers");
const { startMailbox } = await import("@/tests/support/mailbox");

const HOUR = 3600_000;
const worker = "outbox-reveal-test";
const ask = { scope: "masked" as const, justification: "To see where the payment fails" };
const jobOf = async (revealId: string) => (await db().job.findMany({ where: { kind: "mail" } })).find((j) => JSON.stringify(j.payload).includes(revealId))!;
const auditsOf = async (revealId: string) => (await db().auditEntry.findMany({ where: { targetId: revealId }, orderBy: { seq: "asc" } })).map((e) => e.action);

describe("a reveal request's email on the outbox", () => {
  it("stays pending and unanswerable while SMTP is down; its link lives from delivery, and approving then works", async () => {
    const w = await revealWorld("outbox");
    const rec = await recordSession(w.site, w.customer);
    // A recording kept long enough that the link's lifetime, not the deletion, bounds it.
    const deleteAfter = new Date(Date.now() + 10 * 24 * HOUR);
    await db().recording.update({ where: { id: rec.recordingId }, data: { deleteAfter } });

    const { id } = await requestReveal(w.agent, { ticketId: rec.ticketId, recordingId: rec.recordingId, ...ask });
    const token = derivedToken("reveal-approval", id);
    // Nothing listens on the mail port.
    await deliverDueJobs({ worker });
    expect(await jobOf(id)).toMatchObject({ status: "queued", attempts: 1 });
    expect(await db().revealRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending", mailedAt: null });
    expect(await auditsOf(id)).toEqual(["reveal.request", "reveal.email-sent", "reveal.email-failed"]);
    await expect(lookupReveal(token, null)).rejects.toThrow(/not valid any more/);
    await expect(decideReveal(token, "approve", null)).rejects.toThrow(/not valid any more/);

    // Two hours later the server is back and the retry goes out.
    const mailbox = await startMailbox(env().MAILBOX_SMTP_PORT, { deliver: false });
    try {
      const later = new Date(Date.now() + 2 * HOUR);
      await deliverDueJobs({ worker, now: () => later });
      const mail = await mailbox.waitForApproval(w.customer.email, new Set(), { revealId: id });
      expect(mail.token).toBe(token);
      const mailed = await db().revealRequest.findUniqueOrThrow({ where: { id } });
      expect(mailed.mailedAt).toEqual(later);
      expect(mailed.tokenExpiresAt).toEqual(tokenExpiry(later, deleteAfter));
      expect(mailed.tokenExpiresAt.getTime() - later.getTime()).toBe(APPROVAL_TOKEN_HOURS * HOUR);
      expect(await jobOf(id)).toMatchObject({ status: "done", attempts: 2 });

      // Past the lifetime counted from the request, within the one counted from delivery.
      const pastFirstDeadline = new Date(later.getTime() + (APPROVAL_TOKEN_HOURS - 1) * HOUR);
      expect((await lookupReveal(token, null, pastFirstDeadline)).status).toBe("pending");
      await decideReveal(token, "approve", null, pastFirstDeadline);
      expect((await db().revealRequest.findUniqueOrThrow({ where: { id } })).status).toBe("approved");
    } finally {
      await mailbox.close();
    }
  });

  it("sends nothing for a request revoked before its email left", async () => {
    const w = await revealWorld("outbox-revoked");
    const rec = await recordSession(w.site, w.customer);
    const { id } = await requestReveal(w.agent, { ticketId: rec.ticketId, recordingId: rec.recordingId, ...ask });
    await db().$transaction((tx) => revokeOpenReveals(tx, { revealIds: [id] }, new Date()));
    const mailbox = await startMailbox(env().MAILBOX_SMTP_PORT, { deliver: false });
    try {
      await deliverDueJobs({ worker });
      expect(await jobOf(id)).toMatchObject({ status: "done", lastError: "skipped: nothing to send any more" });
      expect((await mailbox.all()).filter((m) => m.text.includes(derivedToken("reveal-approval", id)))).toEqual([]);
    } finally {
      await mailbox.close();
    }
  });
});

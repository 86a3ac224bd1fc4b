import { waitUntil } from "@/tests/support/poll";
import type { Client } from "../support/http";
import type { Context } from "./context";
import { newLedger, verifyLedger, visitor, type Ledger } from "./stream";

// Issue 8, part 3: the server SIGKILLed (the whole process group, no clean-up) while visitors
// stream and customers' approvals are in flight; restarted. No acknowledged chunk lost, nothing
// half-written, no approval applied twice (each is applied exactly once when answered again), the
// audit chain intact, and recordings that fell due meanwhile deleted by the sweeper.

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Every streaming visitor has had a batch acknowledged since `since`: the server is serving them.
const allServedSince = (ledger: Ledger, visitors: number, since: number) => [...ledger.lastAckBy.values()].filter((t) => t > since).length >= visitors;

// SQLite stores Prisma's DateTime as ISO text with an explicit offset; PostgreSQL takes a timestamp.
const sqlTime = (url: string, d: Date) => (url.startsWith("file:") ? d.toISOString().replace("Z", "+00:00") : d);

type Pending = { revealId: string; token: string; answered: number[] };

async function pendingApprovals(ctx: Context, agent: Client, count: number): Promise<Pending[]> {
  const out: Pending[] = [];
  for (let i = 0; i < count; i++) {
    const email = ctx.uniqueEmail(`crash-${i}`);
    const { ticketId } = await ctx.ticketWithRecording(email);
    const { revealId, token } = await ctx.askToView(agent, ticketId, email);
    out.push({ revealId, token, answered: [] });
  }
  return out;
}

export async function crash(ctx: Context): Promise<void> {
  const cycles = ctx.full ? 3 : 1;
  const agent = await ctx.signedIn("agent@demo.test");
  const figures = { kills: 0, approvalsInFlight: 0, approvalsAnsweredBeforeKill: 0, approvalsAppliedTwice: 0, dueDeletedAfterRestart: 0 };
  const ledger = newLedger();
  const database = ctx.server.config.databaseUrl;

  for (let cycle = 1; cycle <= cycles; cycle++) {
    const approvals = await pendingApprovals(ctx, agent, ctx.full ? 12 : 6);
    ctx.log(`crash ${cycle}: ${approvals.length} approvals pending`);
    // Recordings already due: the sweeper may be in the middle of them when the kill comes.
    const due = await ctx.sql.all<{ id: string }>('SELECT "id" FROM "RecordedSession" WHERE "deleteAfter" IS NOT NULL ORDER BY "startedAt" ASC LIMIT 5');
    for (const { id } of due) await ctx.sql.all('UPDATE "RecordedSession" SET "deleteAfter" = ? WHERE "id" = ?', sqlTime(database, new Date(Date.now() - 60_000)), id);

    // Heavy ingest from many visitors, running across the kill and the restart: as much as the
    // server keeps up with, so that approvals are being handled (not queued) when the kill comes.
    let stop = false;
    const clients = Array.from({ length: ctx.full ? 24 : 12 }, () => ctx.newClient());
    const streamStart = Date.now();
    const streamUntil = streamStart + 60_000;
    const streaming = Promise.all(clients.map((c, i) => visitor(ctx, c, 500 * cycle + i, ledger, { batches: 20, intervalMs: 250, until: streamUntil, stop: () => stop })));
    await waitUntil(() => allServedSince(ledger, clients.length, streamStart), { what: `crash ${cycle}: every visitor's first batch acknowledged`, timeoutMs: 30_000 });

    // Every approval answered twice at once (a double click), one customer after another, and the
    // kill as soon as the first answer is back: some applied, some being handled, some not yet.
    const customers = approvals.map(() => ctx.newClient());
    let firstAnswer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
    const answers = approvals.flatMap((a, i) =>
      [0, 1].map(async () => {
        // The customers answer one after another (25 ms apart), so that the kill finds answers
        // applied, being handled and not sent yet: the scenario's timing, not a wait.
        await delay(i * 25);
        await customers[i]!
          .post("/api/v1/approvals/decide", { json: { token: a.token, decision: "approve" } })
          .then((r) => {
            a.answered.push(r.status);
            firstAnswer();
          })
          .catch(() => undefined);
      }),
    );
    // The first answer back, or (bounded) none: the kill comes either way.
    await Promise.race([answered, delay(5000)]);
    ctx.log(`crash ${cycle}: SIGKILL with ${approvals.reduce((n, a) => n + a.answered.length, 0)} of ${approvals.length * 2} approval answers back`);
    await ctx.server.kill();
    figures.kills += 1;
    await Promise.all(answers);
    figures.approvalsInFlight += approvals.reduce((n, a) => n + 2 - a.answered.length, 0);
    figures.approvalsAnsweredBeforeKill += approvals.filter((a) => a.answered.includes(200)).length;

    await ctx.server.start();
    const restartedAt = Date.now();
    ctx.log(`crash ${cycle}: restarted`);
    // Visitors have been retrying meanwhile: each must be served by the restarted server (unless
    // their time is up).
    await waitUntil(() => allServedSince(ledger, clients.length, restartedAt) || Date.now() >= streamUntil, { what: `crash ${cycle}: every visitor acknowledged again after the restart`, timeoutMs: 30_000 });
    stop = true;
    await streaming;
    for (const c of [...clients, ...customers]) c.close();

    // Approvals: at most one applied each; answering again applies the unapplied ones, once.
    for (const a of approvals) {
      const [row] = await ctx.sql.all<{ status: string }>('SELECT "status" FROM "RevealRequest" WHERE "id" = ?', a.revealId);
      const audits = await ctx.sql.all<{ n: number }>('SELECT COUNT(*) AS "n" FROM "AuditEntry" WHERE "targetId" = ? AND "action" = ?', a.revealId, "reveal.approve");
      const applied = Number(audits[0]?.n ?? 0);
      const acknowledged = a.answered.includes(200);
      ctx.check(`crash ${cycle}: approval ${a.revealId.slice(0, 8)} consistent after restart`, (row?.status === "approved") === (applied === 1) && applied <= 1 && (!acknowledged || applied === 1), `status ${row?.status}, applied ${applied}, answered ${a.answered.join(",")}`);
      const again = await ctx.newClient().post("/api/v1/approvals/decide", { json: { token: a.token, decision: "approve" } });
      ctx.check(`crash ${cycle}: answering again ${applied ? "is refused" : "applies it"}`, again.status === (applied ? 410 : 200), `got ${again.status}`);
      const finalAudits = await ctx.sql.all<{ n: number }>('SELECT COUNT(*) AS "n" FROM "AuditEntry" WHERE "targetId" = ? AND "action" = ?', a.revealId, "reveal.approve");
      if (Number(finalAudits[0]?.n) !== 1) figures.approvalsAppliedTwice += 1;
    }
    ctx.check(`crash ${cycle}: every approval applied exactly once in the end`, figures.approvalsAppliedTwice === 0);

    // The sweeper caught up with what fell due around the crash.
    const dueIds = due.map((d) => d.id);
    const remainingDue = async () => {
      let n = 0;
      for (const id of dueIds) n += (await ctx.sql.all('SELECT "id" FROM "RecordedSession" WHERE "id" = ?', id)).length;
      return n;
    };
    await waitUntil(async () => (await remainingDue()) === 0, { what: "the due recordings deleted", timeoutMs: 30_000, intervalMs: 500 }).catch(() => undefined);
    const remaining = await remainingDue();
    figures.dueDeletedAfterRestart += dueIds.length - remaining;
    ctx.check(`crash ${cycle}: recordings due around the crash were deleted after the restart (${dueIds.length})`, remaining === 0, `${remaining} still there`);
  }

  const stored = await verifyLedger(ctx, ledger, "crash");
  // The same check as `npm run admin -- audit-verify`, in this process (run.ts points lib/ at the
  // app's database).
  const { verifyAuditChain } = await import("@/lib/audit/verify");
  const chain = await verifyAuditChain();
  ctx.check(`crash: the audit log's hash chain is intact (${chain.checked} entries)`, chain.firstBreak === null, JSON.stringify(chain.firstBreak));
  agent.close();
  ctx.record("crash", { ...figures, ...stored, ingestStatuses: ledger.status, connectionErrorsWhileDown: ledger.connectionErrors });
}

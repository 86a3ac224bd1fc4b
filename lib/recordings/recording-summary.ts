import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { askRefusals, mayWatch, revealState, type ScopeRights } from "@/lib/reveal/policy";
import { personLabel } from "@/lib/reveal/approval-text";
import { auditDetails } from "@/lib/audit/details";
import { stringList } from "@/lib/db/json";
import type { Prisma } from "@/generated/sqlite";

type RecordingTimesAndPages = {
  id: string;
  startedAt: Date;
  lastEventAt: Date;
  pages: Prisma.JsonValue;
  userAgent: string | null;
  errorCount: number;
  triggeredAt: Date | null;
  deleteAfter: Date | null;
};

// What anyone may know about a recording without seeing it: when, how long, which pages (the
// stored, masked paths), which browser, errors, the trigger, when it will be deleted.
export function recordingMetadata(s: RecordingTimesAndPages) {
  return {
    id: s.id,
    startedAt: s.startedAt.toISOString(),
    durationSeconds: Math.max(0, Math.round((s.lastEventAt.getTime() - s.startedAt.getTime()) / 1000)),
    pages: stringList(s.pages, "RecordedSession.pages"),
    browser: s.userAgent,
    errors: s.errorCount,
    triggeredAt: s.triggeredAt?.toISOString() ?? null,
    deleteAfter: s.deleteAfter?.toISOString() ?? null,
  };
}

const FORMER_AGENT = "a former agent";

async function loadRecordings(ticketId: string) {
  return db().recording.findMany({
    where: { ticketId },
    orderBy: { startedAt: "asc" },
    include: {
      reveals: { orderBy: { createdAt: "desc" }, include: { requester: { select: { name: true, email: true } }, validatedBy: { select: { email: true } } } },
      _count: { select: { chunks: { where: { stream: "vault" } } } },
    },
  });
}

type Loaded = Awaited<ReturnType<typeof loadRecordings>>[number];

// The recording's metadata, what is kept, and who asked to view it (named as the email named them).
function summary(s: Loaded, now: Date) {
  return {
    ...recordingMetadata(s),
    triggerReason: s.triggerReason,
    maskingMode: s.maskingMode,
    keepsUnmasked: s._count.chunks > 0,
    reveals: s.reveals.map((r) => ({
      id: r.id,
      scope: r.scope,
      status: revealState(r, now),
      requester: r.requester ? personLabel(r.requester) : FORMER_AGENT,
      justification: r.justification,
      createdAt: r.createdAt.toISOString(),
      // When the approval email left the outbox; null while it is queued (the link works only after).
      mailedAt: r.mailedAt?.toISOString() ?? null,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      accessUntil: r.accessUntil?.toISOString() ?? null,
      validatedBy: r.validatedBy?.email ?? null,
      // M2: the key custodian's answer, and their reason when they refused.
      custody: r.custodyAcceptedAt ? ("accepted" as const) : r.custodyRefusedAt ? ("refused" as const) : null,
      custodyRefusal: r.custodyRefusal,
    })),
  };
}

const NOTHING: ScopeRights = { masked: false, unmasked: false };
const NOT_YOURS = "Asking customers needs the replay:request permission.";

// The agent's view of a ticket's recordings: metadata, requests, and what THIS actor may do with
// each (watch, ask, and why not), from the one rule in lib/reveal/policy.ts; pages never re-derive it.
export async function deskRecordings(actor: Actor, ticket: { id: string; status: string; customerId: string | null }, now: Date) {
  const recordings = await loadRecordings(ticket.id);
  return recordings.map((s) => {
    const context = { ticketClosed: ticket.status === "closed", customerPresent: ticket.customerId !== null, maskingMode: s.maskingMode, keepsUnmasked: s._count.chunks > 0 };
    const askRefusal = can(actor, "replay:request") ? askRefusals(context, s.reveals, actor.userId, now) : { masked: NOT_YOURS, unmasked: NOT_YOURS };
    return {
      ...summary(s, now),
      mayWatch: can(actor, "replay:view") ? mayWatch(s.reveals, actor.userId, s.maskingMode, now) : NOTHING,
      mayAsk: { masked: askRefusal.masked === null, unmasked: askRefusal.unmasked === null },
      askRefusal,
    };
  });
}

// The customer's view: the same, plus who watched each recording and when (right of access): the
// audit log's viewing entries, each viewer named as the approval they watched under named them.
export async function ownRecordings(ticketId: string, now: Date) {
  const recordings = await loadRecordings(ticketId);
  const entries = await db().auditEntry.findMany({
    where: { action: { in: ["replay.view", "unmask.view"] }, targetType: "recording", targetId: { in: recordings.map((s) => s.id) } },
    orderBy: { seq: "asc" },
    select: { targetId: true, actorLabel: true, details: true, at: true },
  });
  return recordings.map((s) => {
    const named = new Map(s.reveals.map((r) => [r.id, r.requester ? personLabel(r.requester) : FORMER_AGENT]));
    const views = entries
      .filter((e) => e.targetId === s.id)
      .map((e) => {
        const { revealId, scope } = auditDetails(e.details);
        return { viewer: (typeof revealId === "string" && named.get(revealId)) || e.actorLabel, scope: scope === "unmasked" ? "unmasked" : "masked", at: e.at.toISOString() };
      });
    return { ...summary(s, now), views };
  });
}

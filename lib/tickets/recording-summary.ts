import "server-only";
import { db } from "@/lib/db/client";
import { revealState } from "@/lib/reveal/policy";

type SessionTimesAndPages = {
  id: string;
  startedAt: Date;
  lastEventAt: Date;
  pages: string;
  userAgent: string | null;
  errorCount: number;
  triggeredAt: Date | null;
  deleteAfter: Date | null;
};

// What anyone may know about a recording without seeing it: when, how long, which pages, which
// browser, errors, the trigger, when it will be deleted.
export function recordingMetadata(s: SessionTimesAndPages) {
  return {
    id: s.id,
    startedAt: s.startedAt.toISOString(),
    durationSeconds: Math.max(0, Math.round((s.lastEventAt.getTime() - s.startedAt.getTime()) / 1000)),
    pages: JSON.parse(s.pages) as string[],
    browser: s.userAgent,
    errors: s.errorCount,
    triggeredAt: s.triggeredAt?.toISOString() ?? null,
    deleteAfter: s.deleteAfter?.toISOString() ?? null,
  };
}

// The ticket's recordings: their metadata, what is kept, and who asked to view them.
export async function recordingSummaries(ticketId: string, now: Date) {
  const sessions = await db().recordedSession.findMany({
    where: { ticketId },
    orderBy: { startedAt: "asc" },
    include: {
      reveals: { orderBy: { createdAt: "desc" }, include: { requester: { select: { email: true } }, validatedBy: { select: { email: true } } } },
      _count: { select: { chunks: { where: { stream: "vault" } } } },
    },
  });
  return sessions.map((s) => ({
    ...recordingMetadata(s),
    triggerReason: s.triggerReason,
    maskingMode: s.maskingMode,
    keepsUnmasked: s._count.chunks > 0,
    reveals: s.reveals.map((r) => ({
      id: r.id,
      scope: r.scope,
      status: revealState(r, now),
      requester: r.requester?.email ?? "a former agent",
      requesterId: r.requesterId,
      justification: r.justification,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      accessUntil: r.accessUntil?.toISOString() ?? null,
      validatedBy: r.validatedBy?.email ?? null,
    })),
  }));
}

import "server-only";
import type { Prisma } from "@/generated/sqlite";
import type { SECRET_COLUMNS } from "@/lib/db/client";
import { approvalDeadlines, type RevealScope } from "@/lib/reveal/policy";
import type { ApprovalFacts } from "@/lib/reveal/approval-text";
import { stringList } from "@/lib/db/json";

// What a reveal request is about, loaded once for the email (at request time) and for the
// approval page (when the customer opens it): the same facts, read from the stored request.
export const APPROVAL_INCLUDE = {
  requester: { select: { name: true, email: true } },
  recording: { select: { startedAt: true, lastEventAt: true, pages: true, deleteAfter: true, maskingMode: true, _count: { select: { chunks: { where: { stream: "vault" } } } } } },
  ticket: { select: { id: true, subject: true, customerId: true, siteId: true, site: { select: { name: true, unmaskSelectors: true } }, customer: { select: { timeZone: true } } } },
} satisfies Prisma.RevealRequestInclude;

type LoadedRequest = Prisma.RevealRequestGetPayload<{ include: typeof APPROVAL_INCLUDE; omit: typeof SECRET_COLUMNS.revealRequest }>;

// The recording as it stands now, the agent the request names, and the deadlines an approval
// given now would have. The pages are the stored list as it is (stored masked at ingest).
export function approvalFacts(r: LoadedRequest & { recording: NonNullable<LoadedRequest["recording"]> }, now: Date) {
  const s = r.recording;
  const facts: ApprovalFacts = {
    agent: r.requester ?? { name: null, email: "a support agent whose account was closed" },
    siteName: r.ticket.site.name,
    scope: r.scope as RevealScope,
    maskingMode: s.maskingMode,
    keepsUnmasked: s._count.chunks > 0,
    unmaskedElements: r.ticket.site.unmaskSelectors.trim() !== "",
  };
  return {
    ...facts,
    justification: r.justification,
    recordedAt: s.startedAt,
    durationSeconds: Math.max(0, Math.round((s.lastEventAt.getTime() - s.startedAt.getTime()) / 1000)),
    pages: stringList(s.pages, "RecordedSession.pages"),
    deadlines: approvalDeadlines(now, r, s.deleteAfter),
  };
}

// Pure rules of the reveal flow (no I/O): token and access windows, what each masking mode needs
// before the unmasked stream may be opened, the effective state of a request at a time, and THE
// viewing rule: who may watch what under which approval, and who may ask. The server applies it
// when serving events and reports its result to the pages (mayWatch, mayAsk), which never re-derive it.

const HOUR_MS = 3600_000;
export const APPROVAL_TOKEN_HOURS = 72;
export const VIEW_WINDOW_HOURS = 24;

export type RevealScope = "masked" | "unmasked";
export type RevealStatus = "pending" | "approved" | "declined" | "expired" | "withdrawn" | "revoked";

const earliest = (a: Date, b: Date | null) => (b && b < a ? b : a);

// A token never outlives the recording it is about.
export function tokenExpiry(now: Date, recordingDeleteAfter: Date | null): Date {
  return earliest(new Date(now.getTime() + APPROVAL_TOKEN_HOURS * HOUR_MS), recordingDeleteAfter);
}

// Access after approval is limited, and never extends the recording's retention.
export function accessUntil(now: Date, recordingDeleteAfter: Date | null): Date {
  return earliest(new Date(now.getTime() + VIEW_WINDOW_HOURS * HOUR_MS), recordingDeleteAfter);
}

// M3: the unmasked stream was never collected. M1: the customer's approval and a supervisor's
// internal validation. M2: the customer's approval and the acceptance of the site's key custodian
// (a privacy officer outside its staff), who alone can unseal the copy (privacy point 6).
export function unmaskedAllowed(maskingMode: string): boolean {
  return maskingMode === "M1" || maskingMode === "M2";
}

export function needsValidation(maskingMode: string, scope: RevealScope): boolean {
  return scope === "unmasked" && maskingMode === "M1";
}

export function needsCustody(maskingMode: string, scope: RevealScope): boolean {
  return scope === "unmasked" && maskingMode === "M2";
}

type RequestTimes = { status: string; tokenExpiresAt: Date; accessUntil: Date | null };

// The stored status, with time applied: a pending request past its token expiry is expired, an
// approval past its window is expired too.
export function revealState(r: RequestTimes, now: Date): RevealStatus {
  if (r.status === "pending" && r.tokenExpiresAt <= now) return "expired";
  if (r.status === "approved" && (!r.accessUntil || r.accessUntil <= now)) return "expired";
  return r.status as RevealStatus;
}

export type ViewCheck = RequestTimes & {
  scope: string;
  requesterId: string | null;
  validatedById: string | null;
  validatedAt: Date | null;
  custodianId: string | null;
  custodyAcceptedAt: Date | null;
  decidedAt: Date | null;
};

// May `viewerId` watch under this request, in this scope, right now? A request names exactly one
// viewer: the agent who asked, whom the customer's email named. Being the ticket's assignee
// transfers nothing; the supervisor who validated an M1 unmasking, and the key custodian who
// answered an M2 one, never watch under it (two people, always).
export function canWatch(r: ViewCheck, viewerId: string, maskingMode: string, scope: RevealScope, now: Date): boolean {
  if (r.requesterId !== viewerId || r.validatedById === viewerId || r.custodianId === viewerId) return false;
  if (revealState(r, now) !== "approved") return false;
  if (scope === "masked") return true;
  if (r.scope !== "unmasked" || !unmaskedAllowed(maskingMode)) return false;
  if (needsValidation(maskingMode, "unmasked") && r.validatedAt === null) return false;
  return !needsCustody(maskingMode, "unmasked") || r.custodyAcceptedAt !== null;
}

// The approval a viewer watches under: of those allowing it, the one decided last, which covers
// the most (an approval covers what was stored up to its decision).
export function watchingApproval<R extends ViewCheck>(reveals: readonly R[], viewerId: string, maskingMode: string, scope: RevealScope, now: Date): R | null {
  let best: R | null = null;
  for (const r of reveals) {
    if (canWatch(r, viewerId, maskingMode, scope, now) && (!best || r.decidedAt! > best.decidedAt!)) best = r;
  }
  return best;
}

export type ScopeRights = Record<RevealScope, boolean>;

export function mayWatch(reveals: readonly ViewCheck[], viewerId: string, maskingMode: string, now: Date): ScopeRights {
  return { masked: watchingApproval(reveals, viewerId, maskingMode, "masked", now) !== null, unmasked: watchingApproval(reveals, viewerId, maskingMode, "unmasked", now) !== null };
}

type TicketAskContext = { ticketClosed: boolean; customerPresent: boolean };
export type AskContext = TicketAskContext & { maskingMode: string; keepsUnmasked: boolean };
type OwnRequest = RequestTimes & { scope: string; requesterId: string | null };

// Whether anyone may still be asked about this ticket's recordings (null: yes).
export function ticketAskRefusal(ctx: TicketAskContext): string | null {
  if (ctx.ticketClosed) return "The ticket is closed; its recordings are being deleted.";
  if (!ctx.customerPresent) return "This ticket has no customer account to ask (the account was deleted, or the request was filed under a staff address).";
  return null;
}

// Why a staff member may not ask the customer to approve this scope now, or null if they may.
// Each agent asks for themselves: a colleague's pending request blocks nobody (the customer is
// asked again, naming the new agent); one's own pending request blocks asking twice.
export function askRefusal(ctx: AskContext, reveals: readonly OwnRequest[], askerId: string, scope: RevealScope, now: Date): string | null {
  const ticketRefusal = ticketAskRefusal(ctx);
  if (ticketRefusal) return ticketRefusal;
  if (scope === "unmasked" && !unmaskedAllowed(ctx.maskingMode)) return "This site uses M3: unmasked content is never collected, so it cannot be shown to anyone.";
  if (scope === "unmasked" && !ctx.keepsUnmasked) return "No unmasked copy of this recording was collected.";
  if (reveals.some((r) => r.requesterId === askerId && r.scope === scope && revealState(r, now) === "pending")) {
    return "Your request for this recording is already waiting for the customer's answer.";
  }
  return null;
}

// Per scope: why not, or null where this staff member may ask.
export function askRefusals(ctx: AskContext, reveals: readonly OwnRequest[], askerId: string, now: Date): Record<RevealScope, string | null> {
  return { masked: askRefusal(ctx, reveals, askerId, "masked", now), unmasked: askRefusal(ctx, reveals, askerId, "unmasked", now) };
}

// The deadlines an approval would have if the customer approved now: what the email and the
// approval page state, computed from the real ones (never a constant).
export function approvalDeadlines(now: Date, r: { tokenExpiresAt: Date }, recordingDeleteAfter: Date | null) {
  return { linkUntil: r.tokenExpiresAt, viewUntil: accessUntil(now, recordingDeleteAfter), deleteAfter: recordingDeleteAfter };
}

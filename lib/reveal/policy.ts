// Pure rules of the reveal flow (no I/O): token and access windows, what each masking mode needs
// before the unmasked stream may be opened, and the effective state of a request at a time.

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
// internal validation. M2: the customer's approval (the request's justification is mandatory).
export function unmaskedAllowed(maskingMode: string): boolean {
  return maskingMode === "M1" || maskingMode === "M2";
}

export function needsValidation(maskingMode: string, scope: RevealScope): boolean {
  return scope === "unmasked" && maskingMode === "M1";
}

type RequestTimes = { status: string; tokenExpiresAt: Date; accessUntil: Date | null };

// The stored status, with time applied: a pending request past its token expiry is expired, an
// approval past its window is expired too.
export function revealState(r: RequestTimes, now: Date): RevealStatus {
  if (r.status === "pending" && r.tokenExpiresAt <= now) return "expired";
  if (r.status === "approved" && (!r.accessUntil || r.accessUntil <= now)) return "expired";
  return r.status as RevealStatus;
}

export type ViewCheck = {
  status: string;
  tokenExpiresAt: Date;
  accessUntil: Date | null;
  scope: string;
  maskingMode: string;
  validatedAt: Date | null;
};

// May this approved request be used to watch right now, in the given scope?
export function canWatch(r: ViewCheck, scope: RevealScope, now: Date): boolean {
  if (revealState(r, now) !== "approved") return false;
  if (scope === "masked") return true;
  return r.scope === "unmasked" && unmaskedAllowed(r.maskingMode) && (!needsValidation(r.maskingMode, "unmasked") || r.validatedAt !== null);
}

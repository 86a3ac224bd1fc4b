import { CONSENT_PROOF_PATTERN, SESSION_ID_PATTERN, SESSION_INACTIVITY_MINUTES } from "../replay/protocol";

const MINUTE_MS = 60_000;

export type RandomBytes = (length: number) => Uint8Array;

export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] ?? 0);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// I1: 128 random bits, derived from nothing about the user or the device.
export function newSessionId(randomBytes: RandomBytes): string {
  return "s_" + base64url(randomBytes(16));
}

// What the SDK keeps in sessionStorage (after consent only) so that navigating within the tab
// continues the same session.
export type SessionState = {
  id: string;
  startedAt: number;
  lastActivityAt: number;
  // L1: decided once per session, so a non-sampled session stays unrecorded on every page.
  sampled: boolean;
  // Uploading started (a trigger fired); later pages keep streaming.
  triggered: boolean;
  // Next batch sequence number of this session.
  seq: number;
  // The proof id the server answered to this session's consent (sent with every upload); null
  // until it is known.
  proof: string | null;
};

export function newSession(now: number, randomBytes: RandomBytes, samplingRate: number): SessionState {
  // One random byte pair gives 1/65536 granularity: plenty for a sampling rate.
  const draw = randomBytes(2);
  const roll = ((draw[0] ?? 0) * 256 + (draw[1] ?? 0)) / 65536;
  return {
    id: newSessionId(randomBytes),
    startedAt: now,
    lastActivityAt: now,
    sampled: roll < samplingRate,
    triggered: false,
    seq: 0,
    proof: null,
  };
}

export function isExpired(session: SessionState, now: number, maxSessionMinutes: number): boolean {
  return (
    now - session.lastActivityAt > SESSION_INACTIVITY_MINUTES * MINUTE_MS ||
    now - session.startedAt > maxSessionMinutes * MINUTE_MS ||
    // A clock that went backwards by more than a minute makes both checks meaningless.
    session.lastActivityAt - now > MINUTE_MS
  );
}

// Anything read back from storage is untrusted (another script on the page may have written it).
export function parseSessionState(raw: string | null): SessionState | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (
    typeof v.id !== "string" ||
    !SESSION_ID_PATTERN.test(v.id) ||
    !isCount(v.startedAt) ||
    !isCount(v.lastActivityAt) ||
    !isCount(v.seq) ||
    typeof v.sampled !== "boolean" ||
    typeof v.triggered !== "boolean" ||
    // Absent in what an older SDK stored: the proof is then asked for again.
    !(v.proof === undefined || v.proof === null || (typeof v.proof === "string" && CONSENT_PROOF_PATTERN.test(v.proof)))
  ) {
    return null;
  }
  return {
    id: v.id,
    startedAt: v.startedAt,
    lastActivityAt: v.lastActivityAt,
    sampled: v.sampled,
    triggered: v.triggered,
    seq: v.seq,
    proof: typeof v.proof === "string" ? v.proof : null,
  };
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

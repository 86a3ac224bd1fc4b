import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { POST as consentRoute } from "@/app/api/v1/consent/route";
import { POST as ingestRoute } from "@/app/api/v1/ingest/route";

// The SDK's two calls as the recorder makes them, through the route handlers: consent first (its
// answer's proofId rides on every upload of the session), then the uploads. Each call comes from a
// client address of its own, so the per-client limits of one suite do not add up.

export const newSessionId = () => `s_${randomBytes(16).toString("base64url")}`;
const clientAddress = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

type Site = { publicKey: string };

export function sdkRequest(path: string, origin: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { origin, "content-type": "text/plain", "x-forwarded-for": clientAddress(), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export function postConsent(site: Site, origin: string, body: { sessionId: string | null; granted: boolean; bannerVersion?: string }, headers?: Record<string, string>) {
  return consentRoute(sdkRequest("/api/v1/consent", origin, { siteKey: site.publicKey, ...body }, headers));
}

// Consent given for a new (or the given) session: its proof id.
export async function giveConsent(site: Site, origin: string, sessionId = newSessionId(), bannerVersion?: string) {
  const res = await postConsent(site, origin, { sessionId, granted: true, ...(bannerVersion ? { bannerVersion } : {}) });
  expect(res.status).toBe(201);
  const { proofId } = (await res.json()) as { proofId: string };
  return { sessionId, proofId };
}

export function postBatch(origin: string, body: unknown, headers?: Record<string, string>) {
  return ingestRoute(sdkRequest("/api/v1/ingest", origin, body, headers));
}

export function metaEvent(origin: string, path = "/cart") {
  return { type: 4, timestamp: Date.now(), data: { href: `${origin}${path}`, width: 800, height: 600 } };
}

// A first batch after a ticket trigger, as the recorder sends it; overrides replace any field.
export function firstBatch(site: Site, origin: string, session: { sessionId: string; proofId: string }, overrides: Record<string, unknown> = {}) {
  return {
    v: 1,
    siteKey: site.publicKey,
    sessionId: session.sessionId,
    consent: session.proofId,
    seq: 0,
    events: [metaEvent(origin)],
    page: { url: `${origin}/cart` },
    trigger: { reason: "ticket", kind: "ticket" },
    ...overrides,
  };
}

// Consent, then one triggered upload that must be accepted.
export async function recordVisit(site: Site, origin: string, overrides: Record<string, unknown> = {}) {
  const session = await giveConsent(site, origin);
  const res = await postBatch(origin, firstBatch(site, origin, session, overrides));
  expect(res.status).toBe(201);
  return session;
}

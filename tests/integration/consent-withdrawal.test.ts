import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

// Privacy point 4, end to end through the route handlers: when the visitor withdraws consent in
// the SDK (setConsent(false) → POST /api/v1/consent granted:false), every pending or approved
// request to view that visitor's recording ends at once and the recording is deleted, triggered
// and linked to a ticket or not; each step is audited and the deletion leaves a receipt; the
// agent's events endpoint then answers 410.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth/actor")>()), currentActor: async () => session.actor }));

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { createSite } = await import("@/lib/sites/create-site");
const { rotateVaultKey } = await import("@/lib/sites/vault-keys");
const { recordingHash } = await import("@/lib/recordings/recording-hash");
const { sealBytes, toBase64 } = await import("@/lib/crypto/seal");
const { startMailbox } = await import("@/tests/support/mailbox");
const { firstBatch, giveConsent, postBatch, postConsent, sdkRequest } = await import("@/tests/support/sdk-calls");
const ticketsRoute = await import("@/app/api/v1/tickets/route");
const revealsRoute = await import("@/app/api/v1/desk/reveals/route");
const decideRoute = await import("@/app/api/v1/approvals/decide/route");
const eventsRoute = await import("@/app/api/v1/desk/recordings/[id]/events/route");
const { staff } = await import("@/tests/support/factories");

const ORIGIN = "https://withdrawal-shop.example";
const by = { id: null, label: "test" };
const suffix = randomBytes(4).toString("hex");
let mailbox: Awaited<ReturnType<typeof startMailbox>>;
let site: { id: string; publicKey: string };
let agent: Actor;
let appOrigin: string;

async function asStaff<T>(actor: Actor, call: () => Promise<T>): Promise<T> {
  session.actor = actor;
  try {
    return await call();
  } finally {
    session.actor = null;
  }
}

const appRequest = (pathname: string, method = "GET", body?: unknown) =>
  new Request(`${appOrigin}${pathname}`, { method, headers: { origin: appOrigin, "content-type": "application/json", "x-forwarded-for": "203.0.113.9" }, body: body === undefined ? undefined : JSON.stringify(body) });

async function askToView(recordingId: string, ticketId: string, scope: "masked" | "unmasked", email: string) {
  const known = await mailbox.files();
  const res = await asStaff(agent, () => revealsRoute.POST(appRequest("/api/v1/desk/reveals", "POST", { ticketId, recordingId, scope, justification: "To see where the payment fails" }), { params: Promise.resolve({}) }));
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  return { id, token: (await mailbox.waitForApproval(email, known, { revealId: id })).token };
}

const events = (recordingId: string, scope: "masked" | "unmasked" = "masked") =>
  asStaff(agent, () => eventsRoute.GET(appRequest(`/api/v1/desk/recordings/${recordingId}/events?scope=${scope}`), { params: Promise.resolve({ id: recordingId }) }));

beforeAll(async () => {
  appOrigin = new URL(env().APP_URL).origin;
  mailbox = await startMailbox(env().MAILBOX_SMTP_PORT);
  site = await createSite({ name: `Withdrawal shop ${suffix}`, origins: [ORIGIN], by });
  await db().site.update({ where: { id: site.id }, data: { maskingMode: "M1" } });
  const admin = await staff("wd-admin", "admin");
  await rotateVaultKey(admin, site.id);
  agent = await staff("wd-agent", "agent");
});

afterAll(async () => {
  await mailbox.close();
});

describe("withdrawing consent in the SDK ends everything", () => {
  it("revokes the approved and the pending reveal at once, deletes the triggered recording, audits each step, and the viewer gets 410", async () => {
    const email = `wd-customer-${suffix}@t.example`;
    const visit = await giveConsent(site, ORIGIN);
    const key = await db().vaultKey.findFirstOrThrow({ where: { siteId: site.id, retiredAt: null } });
    const raw = [{ type: 4, timestamp: Date.now(), data: { href: `${ORIGIN}/checkout`, width: 800, height: 600 } }];
    const vault = toBase64(await sealBytes(key.publicKey, gzipSync(JSON.stringify(raw))));
    expect((await postBatch(ORIGIN, firstBatch(site, ORIGIN, visit, { events: raw, vault }))).status).toBe(201);
    const ticketRes = await ticketsRoute.POST(sdkRequest("/api/v1/tickets", ORIGIN, { siteKey: site.publicKey, sessionId: visit.sessionId, email, subject: "Payment fails", message: "It says error" }), { params: Promise.resolve({}) });
    expect(ticketRes.status).toBe(201);
    const { ticketId } = (await ticketRes.json()) as { ticketId: string };
    const recording = await db().recording.findFirstOrThrow({ where: { sdkSessionId: visit.sessionId } });
    expect(recording.triggeredAt).not.toBeNull();

    const approved = await askToView(recording.id, ticketId, "masked", email);
    expect((await decideRoute.POST(appRequest("/api/v1/approvals/decide", "POST", { token: approved.token, decision: "approve" }))).status).toBe(200);
    // The customer has not answered this one yet.
    const pending = await askToView(recording.id, ticketId, "unmasked", email);
    expect((await events(recording.id)).status).toBe(200);

    const before = new Date();
    const res = await postConsent(site, ORIGIN, { sessionId: visit.sessionId, granted: false });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ deleted: true });

    const reveals = await db().revealRequest.findMany({ where: { ticketId }, omit: { tokenHash: false } });
    expect(reveals.map((r) => r.id).sort()).toEqual([approved.id, pending.id].sort());
    for (const r of reveals) {
      expect(r.status).toBe("revoked");
      expect(r.tokenHash).toBeNull();
      expect(r.accessUntil!.getTime()).toBeLessThanOrEqual(Date.now());
      expect(r.accessUntil!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    }
    expect(await db().recording.count({ where: { id: recording.id } })).toBe(0);
    expect(await db().eventChunk.count({ where: { recordingId: recording.id } })).toBe(0);
    const receipt = await db().deletionReceipt.findUniqueOrThrow({ where: { recordingHash: recordingHash(site.id, visit.sessionId) } });
    expect(receipt.reason).toBe("consent-withdrawn");

    const revokes = await db().auditEntry.findMany({ where: { action: "reveal.revoke", targetId: { in: reveals.map((r) => r.id) } } });
    // Every request was pending or approved: each one's end is audited.
    expect(revokes).toHaveLength(reveals.length);
    for (const entry of revokes) expect(JSON.parse(entry.details)).toMatchObject({ reason: "consent-withdrawn", recordingId: recording.id });
    const deletion = await db().auditEntry.findFirstOrThrow({ where: { action: "recording.delete", targetId: recording.id } });
    expect(JSON.parse(deletion.details)).toMatchObject({ reason: "consent-withdrawn", ticketId });

    const gone = await events(recording.id);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { error: { message: string } }).error.message).toMatch(/deleted/);
    expect((await events(recording.id, "unmasked")).status).toBe(410);
    expect((await decideRoute.POST(appRequest("/api/v1/approvals/decide", "POST", { token: pending.token, decision: "approve" }))).status).toBe(410);
    // The session id is spent: nothing can be recorded under it again.
    const after = await postBatch(ORIGIN, firstBatch(site, ORIGIN, visit, { seq: 5, trigger: undefined }));
    expect(after.status).toBe(403);
    expect(((await after.json()) as { error: { message: string } }).error.message).toMatch(/withdrawn/);
  });

  it("a withdrawal naming no recorded session deletes nothing, and another site's session is out of reach", async () => {
    const other = await createSite({ name: `Other withdrawal shop ${suffix}`, origins: [ORIGIN], by });
    const visit = await giveConsent(site, ORIGIN);
    expect((await postBatch(ORIGIN, firstBatch(site, ORIGIN, visit))).status).toBe(201);
    const res = await postConsent(other, ORIGIN, { sessionId: visit.sessionId, granted: false });
    expect(await res.json()).toMatchObject({ deleted: false });
    expect(await db().recording.count({ where: { sdkSessionId: visit.sessionId } })).toBe(1);
    expect(await (await postConsent(site, ORIGIN, { sessionId: null, granted: false })).json()).toMatchObject({ deleted: false });
  });
});

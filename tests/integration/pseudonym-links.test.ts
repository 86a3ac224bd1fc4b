import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";

// Security M1: a pseudonym links a visitor's recordings (their export and erasure, the agent's
// "related recordings") only when the publisher's backend proves it with the site's signing
// secret. A pseudonym someone merely claims, however well shaped, links nothing.

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth/actor")>()), currentActor: async () => session.actor }));

const { db } = await import("@/lib/db/client");
const { env } = await import("@/lib/config/env");
const { createSite } = await import("@/lib/sites/create-site");
const { confirmedTicketFromSdk } = await import("@/tests/support/tickets");
const { listRelatedRecordings } = await import("@/lib/tickets/related-recordings");
const { deleteCustomerAccount, exportCustomerData } = await import("@/lib/account/customer-rights");
const { recordVisit } = await import("@/tests/support/sdk-calls");
const { publisherSigner } = await import("@/tests/support/publisher");
const { staff } = await import("@/tests/support/factories");

const ORIGIN = "https://pseudonym-shop.example";
const by = { id: null, label: "test" };
const suffix = randomBytes(4).toString("hex");
let agent: Actor, admin: Actor;

async function secretRoute() {
  return import("@/app/api/v1/admin/sites/[id]/pseudonym-secret/route");
}

// Generates (or rotates) the site's signing secret through the admin API: the only time it is shown.
async function newSecret(siteId: string): Promise<string> {
  session.actor = admin;
  const res = await (await secretRoute()).POST(new Request(`${env().APP_URL}/api/v1/admin/sites/${siteId}/pseudonym-secret`, { method: "POST", headers: { origin: new URL(env().APP_URL).origin } }), { params: Promise.resolve({ id: siteId }) });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { secret: string; version: number };
  expect(body.secret).toMatch(/^rdps_[A-Za-z0-9_-]{43}$/);
  return body.secret;
}

async function customer(label: string) {
  const user = await db().user.create({ data: { email: `${label}-${suffix}-${randomBytes(3).toString("hex")}@t.example` } });
  return user;
}

// One visit (consent, triggered upload) with the given user reference, and optionally its ticket.
async function visit(site: { id: string; publicKey: string }, user: unknown, ticketFor?: { email: string }) {
  const { sessionId } = await recordVisit(site, ORIGIN, user === undefined ? {} : { user });
  const recording = await db().recording.findFirstOrThrow({ where: { sdkSessionId: sessionId } });
  const ticketId = ticketFor ? (await confirmedTicketFromSdk(site, { email: ticketFor.email, subject: "Help me", message: "Please", sessionId })).ticketId : null;
  return { recordingId: recording.id, ticketId, row: recording };
}

const idsOf = (list: { id: string }[]) => list.map((r) => r.id).sort();

beforeAll(async () => {
  agent = await staff("ps-agent", "agent");
  admin = await staff("ps-admin", "admin");
});

describe("a claimed pseudonym links nothing (the review's M1 reproduction)", () => {
  it("an attacker sending the victim's pseudonym gets none of the victim's recordings", async () => {
    const site = await createSite({ name: `Claimed ${suffix}`, origins: [ORIGIN], by });
    const victimUser = await customer("victim");
    const pseudonym = `ps_${randomBytes(16).toString("base64url").slice(0, 21)}A`;
    const victimTicketed = await visit(site, { pseudonym }, { email: victimUser.email });
    const victimOther = await visit(site, { pseudonym });

    const attacker = await customer("attacker");
    const attack = await visit(site, { pseudonym }, { email: attacker.email });
    expect((await listRelatedRecordings(agent, attack.ticketId!)).recordings).toEqual([]);
    const exported = JSON.stringify(await exportCustomerData(attacker.id));
    expect(exported).not.toContain(victimTicketed.recordingId);
    expect(exported).not.toContain(victimOther.recordingId);
    await deleteCustomerAccount(attacker.id);
    expect(await db().recording.count({ where: { id: { in: [victimTicketed.recordingId, victimOther.recordingId] } } })).toBe(2);
  });
});

describe("verified pseudonyms (signed by the publisher's backend)", () => {
  it("the signing secret is shown once, stored sealed, and never readable again", async () => {
    const site = await createSite({ name: `Secret ${suffix}`, origins: [ORIGIN], by });
    const secret = await newSecret(site.id);
    const row = await db().site.findUniqueOrThrow({ where: { id: site.id }, omit: { pseudonymSecretSealed: false } });
    expect(JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))).not.toContain(secret.slice(5));
    expect(row.pseudonymSecretSealed).toBeTruthy();
    const again = await newSecret(site.id);
    expect(again).not.toBe(secret);
    const audit = await db().auditEntry.findMany({ where: { siteId: site.id, action: { startsWith: "site.pseudonym-secret" } }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["site.pseudonym-secret.generate", "site.pseudonym-secret.rotate"]);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(5));
  });

  it("link the same person's recordings for export, erasure and related recordings; forged, expired or foreign signatures do not", async () => {
    const sign = await publisherSigner();
    const site = await createSite({ name: `Verified ${suffix}`, origins: [ORIGIN], by });
    const elsewhere = await createSite({ name: `Elsewhere ${suffix}`, origins: [ORIGIN], by });
    const secret = await newSecret(site.id);
    const foreignSecret = await newSecret(elsewhere.id);
    const userId = `member-${suffix}`;
    const now = Math.floor(Date.now() / 1000);

    const member = await customer("member");
    const earlier = await visit(site, sign(secret, site.publicKey, userId, now + 3600));
    const current = await visit(site, sign(secret, site.publicKey, userId, now + 600), { email: member.email });
    expect(current.row.pseudonymVerified).toBe(true);
    // The stored value is re-keyed on the server: not what the page sent.
    expect(current.row.pseudonym).not.toBe(sign(secret, site.publicKey, userId).pseudonym);
    expect(idsOf((await listRelatedRecordings(agent, current.ticketId!)).recordings)).toEqual([earlier.recordingId]);
    const exported = await exportCustomerData(member.id);
    expect(exported.recordings.map((r) => [r.id, r.linkedBy]).sort()).toEqual([[current.recordingId, "ticket"], [earlier.recordingId, "pseudonym"]].sort());

    // Whoever knows the pseudonym but cannot sign for it: per-session, linked to nothing.
    const { pseudonym } = sign(secret, site.publicKey, userId);
    const valid = sign(secret, site.publicKey, userId, now + 600);
    const forgeries: unknown[] = [
      { pseudonym },
      { pseudonym, signature: `${now + 600}.${randomBytes(32).toString("base64url")}` },
      { pseudonym, signature: valid.signature.replace(/^\d+/, String(now + 900)) },
      { ...sign(secret, site.publicKey, userId, now - 5) },
      { ...sign(secret, site.publicKey, userId, now + 3 * 86_400) },
      { ...sign(foreignSecret, site.publicKey, userId, now + 600) },
      { ...sign(secret, elsewhere.publicKey, userId, now + 600) },
      { pseudonym: sign(secret, site.publicKey, "someone-else").pseudonym, signature: valid.signature },
    ];
    for (const forged of forgeries) {
      const attacker = await customer("forger");
      const attack = await visit(site, forged, { email: attacker.email });
      expect(attack.row.pseudonymVerified).toBe(false);
      expect((await listRelatedRecordings(agent, attack.ticketId!)).recordings).toEqual([]);
      expect(JSON.stringify(await exportCustomerData(attacker.id))).not.toContain(earlier.recordingId);
      await deleteCustomerAccount(attacker.id);
    }
    expect(await db().recording.count({ where: { id: { in: [earlier.recordingId, current.recordingId] } } })).toBe(2);

    // Erasure follows the verified link.
    expect((await deleteCustomerAccount(member.id)).recordings).toBe(2);
    expect(await db().recording.count({ where: { id: { in: [earlier.recordingId, current.recordingId] } } })).toBe(0);
  });

  it("rotating the secret unlinks: later recordings never link to earlier ones, whatever the publisher sends", async () => {
    const sign = await publisherSigner();
    const site = await createSite({ name: `Rotation ${suffix}`, origins: [ORIGIN], by });
    const before = await newSecret(site.id);
    const userId = `rotating-${suffix}`;
    const old = await visit(site, sign(before, site.publicKey, userId));
    const after = await newSecret(site.id);
    const member = await customer("rotated");
    // The old signature is refused after the rotation...
    const stale = await visit(site, sign(before, site.publicKey, userId), { email: member.email });
    expect(stale.row.pseudonymVerified).toBe(false);
    // ...the new pseudonym differs, and even the OLD pseudonym value, signed with the new secret, is re-keyed apart.
    const fresh = await visit(site, sign(after, site.publicKey, userId), { email: member.email });
    const oldValue = { pseudonym: sign(before, site.publicKey, userId).pseudonym, signature: "" };
    const signedOld = sign(after, site.publicKey, userId);
    oldValue.signature = (await import("@/lib/crypto/pseudonym")).pseudonymSignature(
      (await import("@/lib/crypto/pseudonym")).parsePseudonymSecret(after),
      site.publicKey,
      oldValue.pseudonym,
      Number(signedOld.signature.split(".")[0]),
    );
    const reused = await visit(site, oldValue, { email: member.email });
    expect(fresh.row.pseudonymVerified && reused.row.pseudonymVerified).toBe(true);
    expect(reused.row.pseudonym).not.toBe(old.row.pseudonym);
    for (const t of [fresh, reused]) expect(idsOf((await listRelatedRecordings(agent, t.ticketId!)).recordings)).not.toContain(old.recordingId);
    expect(JSON.stringify(await exportCustomerData(member.id))).not.toContain(old.recordingId);
  });
});

import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { actorForUser, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { rotatePseudonymSecret } from "@/lib/sites/pseudonym-secret";
import { publisherSigner, type PublisherSigner } from "@/tests/support/publisher";
import { recordVisit } from "@/tests/support/sdk-calls";
import { createSite } from "@/lib/sites/create-site";
import { grantRole } from "@/lib/users/grants";
import { createTicketFromSdk } from "@/lib/tickets/create-ticket";
import { linkRelatedRecording, listRelatedRecordings } from "@/lib/tickets/related-recordings";
import { getQueueTicket } from "@/lib/tickets/ticket-views";

const by = { id: null, label: "test" };
const RAW_USER_ID = `user-${randomBytes(4).toString("hex")}`;
let agent: Actor, admin: Actor;

// What the publisher's backend sends (docs/sdk.md, I2): a pseudonym signed with the site's
// signing secret. A raw { id } or an unsigned pseudonym links nothing across sessions.
const secrets = new Map<string, string>();
let sign: PublisherSigner;
const signedUser = (site: { id: string; publicKey: string }, userId: string) => sign(secrets.get(site.id)!, site.publicKey, userId);

async function record(site: { publicKey: string }, origin: string, user?: { pseudonym: string; signature: string }) {
  return (await recordVisit(site, origin, { events: [{ type: 4, timestamp: Date.now(), data: { href: `${origin}/cart`, width: 800, height: 600 } }], page: { url: `${origin}/cart` }, trigger: { reason: "ticket", kind: "ticket" }, user })).sessionId;
}

beforeAll(async () => {
  agent = (await actorForUser((await grantRole({ email: `rel-agent-${randomBytes(4).toString("hex")}@t.example`, role: "agent", by })).user.id))!;
  admin = (await actorForUser((await grantRole({ email: `rel-admin-${randomBytes(4).toString("hex")}@t.example`, role: "admin", by })).user.id))!;
  sign = await publisherSigner();
});

describe("recordings linked by pseudonymous user id (I2/I3)", () => {
  it("finds the same visitor's other recordings on the same site only, and links one", async () => {
    const a = { origin: "https://rel-a.example" };
    const b = { origin: "https://rel-b.example" };
    const siteA = await createSite({ name: "Related A", origins: [a.origin], by });
    const siteB = await createSite({ name: "Related B", origins: [b.origin], by });
    for (const s of [siteA, siteB]) secrets.set(s.id, (await rotatePseudonymSecret(admin, s.id)).secret);
    const first = await record(siteA, a.origin, signedUser(siteA, RAW_USER_ID));
    const second = await record(siteA, a.origin, signedUser(siteA, RAW_USER_ID));
    await record(siteA, a.origin, signedUser(siteA, "someone-else"));
    await record(siteB, b.origin, signedUser(siteB, RAW_USER_ID));

    const { ticketId } = await createTicketFromSdk(siteA, { email: `rel-${randomBytes(3).toString("hex")}@example.test`, subject: "Login loop", message: "…", sessionId: first });
    const related = await listRelatedRecordings(agent, ticketId);
    const secondRow = await db().recording.findFirstOrThrow({ where: { sdkSessionId: second } });
    expect(related.recordings.map((r) => r.id)).toEqual([secondRow.id]);
    const shown = JSON.stringify(related);
    expect(shown).not.toContain(RAW_USER_ID);
    expect(shown).not.toContain("ps_");

    await linkRelatedRecording(agent, ticketId, secondRow.id);
    expect((await getQueueTicket(agent, ticketId)).recordings).toHaveLength(2);
    expect((await listRelatedRecordings(agent, ticketId)).recordings).toEqual([]);
    await expect(linkRelatedRecording(agent, ticketId, secondRow.id)).rejects.toThrow(/No such recording/);
  });
});

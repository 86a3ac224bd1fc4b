import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as ingest } from "@/app/api/v1/ingest/route";
import { actorForUser, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { pseudonymize, sitePseudonymKey } from "@/lib/crypto/pseudonym";
import { createSite } from "@/lib/sites/create-site";
import { grantRole } from "@/lib/users/grants";
import { createTicketFromSdk } from "@/lib/tickets/create-ticket";
import { linkRelatedRecording, listRelatedRecordings } from "@/lib/tickets/related-recordings";
import { getQueueTicket } from "@/lib/tickets/ticket-views";

const by = { id: null, label: "test" };
const RAW_USER_ID = `user-${randomBytes(4).toString("hex")}`;
let agent: Actor;

// What the publisher's backend sends (docs/sdk.md, I2): a pseudonym made with the site's key. A raw
// { id } links nothing across sessions, since any page could claim any id.
async function pseudonymOn(site: { id: string }, userId: string) {
  const { pseudonymKeyVersion } = await db().site.findUniqueOrThrow({ where: { id: site.id } });
  return { pseudonym: pseudonymize(sitePseudonymKey(env().PSEUDONYM_SECRET, site.id, pseudonymKeyVersion), userId) };
}

async function record(site: { publicKey: string }, origin: string, user?: { pseudonym: string }) {
  const sessionId = `s_${randomBytes(16).toString("base64url")}`;
  const body = { v: 1, siteKey: site.publicKey, sessionId, seq: 0, events: [{ type: 4, timestamp: Date.now(), data: { href: `${origin}/cart`, width: 800, height: 600 } }], page: { url: `${origin}/cart` }, trigger: { reason: "manual" }, user };
  const res = await ingest(new Request("http://localhost/api/v1/ingest", { method: "POST", headers: { origin, "content-type": "text/plain" }, body: JSON.stringify(body) }));
  expect(res.status).toBe(201);
  return sessionId;
}

beforeAll(async () => {
  agent = (await actorForUser((await grantRole({ email: `rel-agent-${randomBytes(4).toString("hex")}@t.example`, role: "agent", by })).user.id))!;
});

describe("recordings linked by pseudonymous user id (I2/I3)", () => {
  it("finds the same visitor's other recordings on the same site only, and links one", async () => {
    const a = { origin: "https://rel-a.example" };
    const b = { origin: "https://rel-b.example" };
    const siteA = await createSite({ name: "Related A", origins: [a.origin], by });
    const siteB = await createSite({ name: "Related B", origins: [b.origin], by });
    const first = await record(siteA, a.origin, await pseudonymOn(siteA, RAW_USER_ID));
    const second = await record(siteA, a.origin, await pseudonymOn(siteA, RAW_USER_ID));
    await record(siteA, a.origin, await pseudonymOn(siteA, "someone-else"));
    await record(siteB, b.origin, await pseudonymOn(siteB, RAW_USER_ID));

    const { ticketId } = await createTicketFromSdk(siteA, { email: `rel-${randomBytes(3).toString("hex")}@example.test`, subject: "Login loop", message: "…", sessionId: first });
    const related = await listRelatedRecordings(agent, ticketId);
    const secondRow = await db().recordedSession.findFirstOrThrow({ where: { sessionKey: second } });
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

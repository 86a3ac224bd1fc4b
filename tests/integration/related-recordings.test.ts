import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { rotatePseudonymSecret } from "@/lib/sites/pseudonym-secret";
import { publisherSigner, type PublisherSigner } from "@/tests/support/publisher";
import { newRecording, newSite, staff, testEmail } from "@/tests/support/factories";
import { createTicketFromSdk } from "@/lib/tickets/create-ticket";
import { linkRelatedRecording, listRelatedRecordings } from "@/lib/tickets/related-recordings";
import { getQueueTicket } from "@/lib/tickets/ticket-views";

const RAW_USER_ID = `user-${randomBytes(4).toString("hex")}`;
let agent: Actor, admin: Actor;

// What the publisher's backend sends (docs/sdk.md, I2): a pseudonym signed with the site's
// signing secret. A raw { id } or an unsigned pseudonym links nothing across sessions.
const secrets = new Map<string, string>();
let sign: PublisherSigner;
const signedUser = (site: { id: string; publicKey: string }, userId: string) => sign(secrets.get(site.id)!, site.publicKey, userId);


beforeAll(async () => {
  agent = await staff("rel-agent", "agent");
  admin = await staff("rel-admin", "admin");
  sign = await publisherSigner();
});

describe("recordings linked by pseudonymous user id (I2/I3)", () => {
  it("finds the same visitor's other recordings on the same site only, and links one", async () => {
    const a = { origin: "https://rel-a.example" };
    const b = { origin: "https://rel-b.example" };
    const siteA = await newSite("Related A", [a.origin]);
    const siteB = await newSite("Related B", [b.origin]);
    for (const s of [siteA, siteB]) secrets.set(s.id, (await rotatePseudonymSecret(admin, s.id)).secret);
    const first = await newRecording(siteA, a.origin, { user: signedUser(siteA, RAW_USER_ID) });
    const second = await newRecording(siteA, a.origin, { user: signedUser(siteA, RAW_USER_ID) });
    await newRecording(siteA, a.origin, { user: signedUser(siteA, "someone-else") });
    await newRecording(siteB, b.origin, { user: signedUser(siteB, RAW_USER_ID) });

    const { ticketId } = await createTicketFromSdk(siteA, { email: testEmail("rel"), subject: "Login loop", message: "…", sessionId: first.sessionId });
    const related = await listRelatedRecordings(agent, ticketId);
    expect(related.recordings.map((r) => r.id)).toEqual([second.recordingId]);
    const shown = JSON.stringify(related);
    expect(shown).not.toContain(RAW_USER_ID);
    expect(shown).not.toContain("ps_");

    await linkRelatedRecording(agent, ticketId, second.recordingId);
    expect((await getQueueTicket(agent, ticketId)).recordings).toHaveLength(2);
    expect((await listRelatedRecordings(agent, ticketId)).recordings).toEqual([]);
    await expect(linkRelatedRecording(agent, ticketId, second.recordingId)).rejects.toThrow(/No such recording/);
  });
});

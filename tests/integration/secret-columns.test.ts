// Issue 16, point 4: secret columns (wrapped keys, sealed secrets, token hashes) are left out of
// every query result unless the query names them, so a list, a page or an API answer built from a
// row cannot carry one by accident.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, SECRET_COLUMNS } from "@/lib/db/client";
import { makeRecording, makeSite } from "./retention-helpers";

const hex = () => randomBytes(8).toString("hex");

async function rowsOfEveryModel() {
  const site = await makeSite();
  await db().site.update({ where: { id: site.id }, data: { pseudonymSecretSealed: `sealed-${hex()}` } });
  const vaultKey = await db().vaultKey.create({ data: { siteId: site.id, publicKey: `pub-${hex()}`, privateKeyWrapped: `vk1.${hex()}` } });
  const apiToken = await db().apiToken.create({ data: { siteId: site.id, name: "Helpdesk", tokenHash: `h-${hex()}` } });
  const ticket = await db().ticket.create({ data: { siteId: site.id, subject: "Secret columns" } });
  await db().ticketClaim.create({ data: { ticketId: ticket.id, tokenHash: `h-${hex()}`, expiresAt: new Date(Date.now() + 3_600_000) } });
  const recording = await makeRecording(site, { lastEventAt: new Date(), triggeredAt: new Date(), ticketId: ticket.id });
  await db().recording.update({ where: { id: recording.id }, data: { supportCodeHash: `h-${hex()}` } });
  const reveal = await db().revealRequest.create({
    data: { recordingId: recording.id, ticketId: ticket.id, scope: "masked", justification: "secret columns", status: "pending", tokenHash: `h-${hex()}`, tokenExpiresAt: new Date(Date.now() + 3_600_000) },
  });
  await db().unsealedCopy.create({ data: { recordingId: recording.id, revealId: reveal.id, wrappedKey: `kek1.${hex()}`, createdAt: new Date() } });
  const customer = await db().user.create({ data: { email: `secret-columns-${hex()}@example.test` } });
  const replyAddress = await db().replyAddress.create({ data: { ticketId: ticket.id, userId: customer.id, tokenHash: `h-${hex()}`, expiresAt: new Date(Date.now() + 3_600_000) } });
  const helpdeskConnection = await db().helpdeskConnection.create({ data: { siteId: site.id, kind: "zammad", name: "Zammad", secretSealed: `sealed-${hex()}`, apiUrl: "https://zammad.example", apiTokenSealed: `sealed-${hex()}` } });
  const webhookEndpoint = await db().webhookEndpoint.create({ data: { siteId: site.id, url: "https://hooks.example/x", secretSealed: `sealed-${hex()}`, events: ["reveal.requested"] } });
  const embedSignInCode = await db().embedSignInCode.create({ data: { userId: customer.id, connectionId: helpdeskConnection.id, codeHash: `h-${hex()}`, expiresAt: new Date(Date.now() + 600_000) } });
  const embedSession = await db().embedSession.create({ data: { userId: customer.id, connectionId: helpdeskConnection.id, tokenHash: `h-${hex()}`, expiresAt: new Date(Date.now() + 3_600_000) } });
  return { site, vaultKey, apiToken, ticket, recording, reveal, replyAddress, helpdeskConnection, webhookEndpoint, embedSignInCode, embedSession };
}

describe("secret columns", () => {
  it("are absent from query results, direct or included, unless the query asks for them", async () => {
    const r = await rowsOfEveryModel();
    const read = {
      site: await db().site.findUniqueOrThrow({ where: { id: r.site.id } }),
      vaultKey: await db().vaultKey.findUniqueOrThrow({ where: { id: r.vaultKey.id } }),
      apiToken: await db().apiToken.findUniqueOrThrow({ where: { id: r.apiToken.id } }),
      ticketClaim: await db().ticketClaim.findFirstOrThrow({ where: { ticketId: r.ticket.id } }),
      recording: await db().recording.findUniqueOrThrow({ where: { id: r.recording.id } }),
      revealRequest: await db().revealRequest.findUniqueOrThrow({ where: { id: r.reveal.id } }),
      unsealedCopy: await db().unsealedCopy.findUniqueOrThrow({ where: { revealId: r.reveal.id } }),
      replyAddress: await db().replyAddress.findUniqueOrThrow({ where: { id: r.replyAddress.id } }),
      helpdeskConnection: await db().helpdeskConnection.findUniqueOrThrow({ where: { id: r.helpdeskConnection.id } }),
      webhookEndpoint: await db().webhookEndpoint.findUniqueOrThrow({ where: { id: r.webhookEndpoint.id } }),
      embedSignInCode: await db().embedSignInCode.findUniqueOrThrow({ where: { id: r.embedSignInCode.id } }),
      embedSession: await db().embedSession.findUniqueOrThrow({ where: { id: r.embedSession.id } }),
    };
    for (const [model, columns] of Object.entries(SECRET_COLUMNS)) {
      for (const column of Object.keys(columns)) expect(read[model as keyof typeof read], `${model}.${column}`).not.toHaveProperty(column);
    }
    // Through relations too: a ticket page that includes its site, recordings and requests.
    const ticket = await db().ticket.findUniqueOrThrow({ where: { id: r.ticket.id }, include: { site: { include: { vaultKeys: true, apiTokens: true, helpdeskConnections: true, webhookEndpoints: true } }, recordings: true, reveals: true, claim: true } });
    const text = JSON.stringify(ticket, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    for (const secret of ["sealed-", "vk1.", "kek1."]) expect(text).not.toContain(secret);
    for (const column of ["pseudonymSecretSealed", "privateKeyWrapped", "tokenHash", "wrappedDataKey", "secretSealed", "apiTokenSealed", "supportCodeHash"]) expect(text).not.toContain(column);

    // A query that needs one names it.
    const withKey = await db().recording.findUniqueOrThrow({ where: { id: r.recording.id }, omit: { wrappedDataKey: false } });
    expect(withKey.wrappedDataKey).toMatch(/^kek1\./);
    const selected = await db().vaultKey.findUniqueOrThrow({ where: { id: r.vaultKey.id }, select: { privateKeyWrapped: true } });
    expect(selected.privateKeyWrapped).toMatch(/^vk1\./);
  });
});

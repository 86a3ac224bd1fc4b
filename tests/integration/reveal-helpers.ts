// Shared by the reveal suites: an M1 site with its vault key, staff and customer accounts,
// recordings uploaded through the real ingest route (masked stream plus the sealed unmasked copy),
// (approval emails: tests/support/mailbox.ts).
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { expect } from "vitest";
import { firstBatch, giveConsent, postBatch } from "@/tests/support/sdk-calls";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { rotateVaultKey } from "@/lib/sites/vault-keys";
import { account, newSite } from "@/tests/support/factories";
import { confirmedTicketFromSdk } from "@/tests/support/tickets";
import { sealBytes, toBase64 } from "@/lib/crypto/seal";

export const ORIGIN = "https://reveal-shop.example";
export const SECRET = "ZEPHYR-QUARTZ-7731";


export function snapshot(text: string, timestamp = Date.now()) {
  return {
    type: 2, timestamp,
    data: { node: { type: 0, id: 1, childNodes: [{ type: 2, id: 2, tagName: "html", attributes: {}, childNodes: [{ type: 2, id: 3, tagName: "body", attributes: {}, childNodes: [{ type: 3, id: 4, textContent: text }] }] }] }, initialOffset: { left: 0, top: 0 } },
  };
}

export const pageView = (pagePath: string, timestamp = Date.now()) => ({ type: 4, timestamp, data: { href: `${ORIGIN}${pagePath}`, width: 1280, height: 720 } });
export const click = (timestamp = Date.now()) => ({ type: 3, timestamp, data: { source: 2, type: 2, id: 4, x: 10, y: 10 } });
export const jsError = (message: string, timestamp = Date.now()) => ({ type: 5, timestamp, data: { tag: "replaydesk:error", payload: { message } } });

type Upload = {
  seq?: number;
  events?: unknown[];
  pagePath?: string;
  // The bytes sealed as the vault copy; by default the gzip of the events as the SDK sends it.
  vault?: Buffer;
};

// One SDK batch through the real ingest route (after the session's consent): masked on the
// server, the unmasked copy sealed to the site's vault key in "the browser" (here).
export async function upload(site: { id: string; publicKey: string }, session: { sessionId: string; proofId: string }, batch: Upload = {}) {
  const seq = batch.seq ?? 0;
  const pagePath = batch.pagePath ?? "/checkout";
  const events = batch.events ?? [pageView(pagePath), snapshot(`Delivery note: ${SECRET}`)];
  const key = await db().vaultKey.findFirst({ where: { siteId: site.id, retiredAt: null } });
  const vault = key ? toBase64(await sealBytes(key.publicKey, batch.vault ?? gzipSync(JSON.stringify(events)))) : undefined;
  const res = await postBatch(ORIGIN, firstBatch(site, ORIGIN, session, { seq, events, vault, page: { url: `${ORIGIN}${pagePath}` }, ...(seq === 0 ? {} : { trigger: undefined }) }));
  expect(res.status).toBe(201);
}

// A recording and the customer's ticket it is linked to.
export async function recordSession(site: { id: string; publicKey: string }, customer: Actor, first: Upload = {}) {
  const session = await giveConsent(site, ORIGIN);
  await upload(site, session, first);
  const ticket = await confirmedTicketFromSdk(site, { email: customer.email, subject: "Payment fails", message: "It says error", sessionId: session.sessionId });
  const recording = await db().recording.findFirstOrThrow({ where: { sdkSessionId: session.sessionId } });
  return { ticketId: ticket.ticketId, recordingId: recording.id, session };
}

// An M1 site (vault key made by an admin) and its people.
export async function revealWorld(label: string) {
  const suffix = `${label}-${randomBytes(4).toString("hex")}`;
  const site = await newSite(`Reveal shop ${label}`, [ORIGIN]);
  // Page paths stay readable for the segments these tests use (masking shows only listed ones).
  await db().site.update({ where: { id: site.id }, data: { maskingMode: "M1", pathSegmentAllowList: "checkout\ncart\npay\nlater\norders\nhistory" } });
  const admin = await account(`admin-${suffix}@t.example`, [{ role: "admin" }]);
  await rotateVaultKey(admin, site.id);
  return {
    site,
    agent: await account(`agent-${suffix}@t.example`, [{ role: "agent" }], "Léa Martin"),
    otherAgent: await account(`agent2-${suffix}@t.example`, [{ role: "agent" }]),
    supervisor: await account(`sup-${suffix}@t.example`, [{ role: "supervisor" }]),
    customer: await account(`customer-${suffix}@t.example`),
    stranger: await account(`stranger-${suffix}@t.example`),
  };
}

export const viewAudits = (recordingId: string) => db().auditEntry.findMany({ where: { targetId: recordingId, action: { in: ["replay.view", "unmask.view"] } }, orderBy: { seq: "asc" } });

// Privacy point 8: everything Replaydesk keeps has a retention enforced by the sweeper, not only
// recordings: closed tickets with their messages, consent records, deletion receipts, retired
// vault keys (audit entries: tests/integration/audit-anchor.test.ts). And `manual` is off on new sites.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createSite } from "@/lib/sites/create-site";
import { sweepOnce } from "@/lib/retention/sweep";
import { HOUR, makeRecording, makeSite } from "./retention-helpers";

const DAY = 24 * HOUR;
const quiet = async () => {};
const NOW = new Date();
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const sweep = () => sweepOnce({ now: NOW, worker: "retention-everything", notifyAdmins: quiet });

let site: Awaited<ReturnType<typeof makeSite>>;
beforeAll(async () => {
  site = await makeSite();
});

async function ticket(closedAt: Date | null) {
  return db().ticket.create({
    data: {
      siteId: site.id, subject: "Delivery question", status: closedAt ? "closed" : "open", closedAt,
      createdAt: ago(400 * DAY), messages: { create: [{ authorRole: "customer", body: "Where is my parcel?" }] },
    },
  });
}

describe("retention of everything (privacy point 8)", () => {
  it("deletes closed tickets and their messages 90 days after closing, keeps the others", async () => {
    const old = await ticket(ago(90 * DAY + HOUR));
    const recent = await ticket(ago(90 * DAY - HOUR));
    const open = await ticket(null);
    await sweep();
    expect(await db().ticket.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db().ticketMessage.count({ where: { ticketId: old.id } })).toBe(0);
    expect(await db().ticket.findUnique({ where: { id: recent.id } })).not.toBeNull();
    expect(await db().ticket.findUnique({ where: { id: open.id } })).not.toBeNull();
  });

  it("deletes consent records after 6 months", async () => {
    const [old, recent] = await Promise.all(
      [ago(183 * DAY + HOUR), ago(183 * DAY - HOUR)].map((createdAt) => db().consentRecord.create({ data: { siteId: site.id, granted: true, createdAt } })),
    );
    await sweep();
    expect(await db().consentRecord.findUnique({ where: { id: old!.id } })).toBeNull();
    expect(await db().consentRecord.findUnique({ where: { id: recent!.id } })).not.toBeNull();
  });

  it("deletes deletion receipts after 30 days, never before a session could come back", async () => {
    const receipt = (doneAt: Date) =>
      db().deletionReceipt.create({ data: { recordingHash: randomBytes(32).toString("hex"), siteId: site.id, reason: "retention", dueAt: doneAt, doneAt } });
    const old = await receipt(ago(30 * DAY + HOUR));
    const dayOld = await receipt(ago(DAY + HOUR));
    await sweep();
    expect(await db().deletionReceipt.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await db().deletionReceipt.findUnique({ where: { id: dayOld.id } })).not.toBeNull();
  });

  it("deletes expired reply addresses and inbound delivery keys older than 30 days", async () => {
    const t = await ticket(null);
    const user = await db().user.create({ data: { email: `reply-${randomBytes(4).toString("hex")}@example.test` } });
    const other = await db().user.create({ data: { email: `reply-${randomBytes(4).toString("hex")}@example.test` } });
    const expired = await db().replyAddress.create({ data: { ticketId: t.id, userId: user.id, tokenHash: randomBytes(32).toString("hex"), expiresAt: ago(HOUR) } });
    const live = await db().replyAddress.create({ data: { ticketId: t.id, userId: other.id, tokenHash: randomBytes(32).toString("hex"), expiresAt: new Date(NOW.getTime() + DAY) } });
    const key = () => `test:${randomBytes(8).toString("hex")}`;
    const [oldKey, recentKey] = [key(), key()];
    await db().inboundDelivery.create({ data: { key: oldKey, receivedAt: ago(30 * DAY + HOUR) } });
    await db().inboundDelivery.create({ data: { key: recentKey, receivedAt: ago(30 * DAY - HOUR) } });
    await sweep();
    expect(await db().replyAddress.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await db().replyAddress.findUnique({ where: { id: live.id } })).not.toBeNull();
    expect(await db().inboundDelivery.findUnique({ where: { key: oldKey } })).toBeNull();
    expect(await db().inboundDelivery.findUnique({ where: { key: recentKey } })).not.toBeNull();
  });

  it("deletes a retired vault key once no recording can still need it", async () => {
    // The longest a recording sealed to it can live: 24 h session + 30 min inactivity + 72 h retention.
    const longest = 24 * HOUR + HOUR / 2 + 72 * HOUR;
    const key = (retiredAt: Date | null) => db().vaultKey.create({ data: { siteId: site.id, publicKey: randomBytes(8).toString("hex"), privateKeyWrapped: "vk1.unused", retiredAt } });
    const expired = await key(ago(longest + HOUR));
    const stillUsed = await key(ago(longest + HOUR));
    const recent = await key(ago(longest - HOUR));
    const active = await key(null);
    const rec = await makeRecording(site, { lastEventAt: NOW, triggeredAt: NOW });
    await db().recording.update({ where: { id: rec.id }, data: { vaultKeyId: stillUsed.id } });
    await sweep();
    const left = (await db().vaultKey.findMany({ where: { id: { in: [expired.id, stillUsed.id, recent.id, active.id] } }, select: { id: true } })).map((k) => k.id);
    expect(left.sort()).toEqual([stillUsed.id, recent.id, active.id].sort());
  });

  it("turns the manual trigger off on new sites (the ticket and the support code are the customer's own asks)", async () => {
    const created = await createSite({ name: "Fresh shop", origins: ["https://fresh.example"], by: { id: null, label: "test" } });
    expect(created.triggers).toEqual(["ticket", "code"]);
  });
});

// Upgrading a populated installation of the previous main (schema of commit fe08372), on the
// engine of the run (SQLite, or PostgreSQL with DATABASE_URL=postgresql://...): every recording
// still decrypts and replays, the vault copy still opens, and the audit chain still verifies, now
// keyed and anchored. Other suites add their own upgrade assertions with tests/support/upgrade-fixture.ts.
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorForUser } from "@/lib/auth/actor";
import { loadRecordingPage } from "@/lib/reveal/watch-recording";
import { verifyAuditChain } from "@/lib/audit/verify";
import { openRecordingKey } from "@/lib/crypto/recording-keys";
import { openSealedBytes } from "@/lib/crypto/seal";
import { openVaultPrivateKey } from "@/lib/sites/vault-keys";
import { decodeChunk } from "@/lib/recordings/chunk-codec";
import { grantRole } from "@/lib/users/grants";
import { acceptUnmasking } from "@/lib/reveal/custody";
import { newCustodySecret } from "@/lib/crypto/vault-custody";
import { adminCli, fillLegacyData, fillLegacyM2Site, legacyInstallation, upgrade, withInstallation, type Installation, type LegacyData, type LegacyM2 } from "../support/upgrade-fixture";

let inst: Installation;
let legacy: LegacyData;
let legacyM2: LegacyM2;
let output = "";

beforeAll(async () => {
  inst = await legacyInstallation();
  legacy = await fillLegacyData(inst);
  legacyM2 = await fillLegacyM2Site(inst, legacy);
  output = upgrade(inst);
}, 240_000);

afterAll(async () => {
  await inst?.close();
});

describe("upgrading a populated installation of the previous version", () => {
  it("re-wraps every data key and vault key out of MASTER_KEY, and says so", async () => {
    expect(output).toContain("2 recording key(s) moved from MASTER_KEY to the key store");
    expect(output).toContain("2 vault key(s) re-sealed under the vault key-wrapping key");
    expect(output).toContain(`audit log anchored at entry #${legacy.auditEntries}`);
    const [session] = await inst.query<{ wrappedDataKey: string }>(`SELECT "wrappedDataKey" FROM "RecordedSession"`);
    expect(session!.wrappedDataKey).toMatch(/^kek1\.\d+\./);
    const [vault] = await inst.query<{ privateKeyWrapped: string }>(`SELECT "privateKeyWrapped" FROM "VaultKey"`);
    expect(vault!.privateKeyWrapped).toMatch(/^vk1\./);
    // Running it again changes nothing.
    expect(upgrade(inst)).not.toContain("moved from MASTER_KEY");
  });

  it("keeps the recording readable: the approved agent replays it, and its sealed copy opens", async () => {
    await withInstallation(inst, async () => {
      const agent = await actorForUser(legacy.agentId);
      const page = await loadRecordingPage(agent!, legacy.recordingId, "masked", -1);
      expect(JSON.stringify(page.events)).toContain(legacy.canary.masked);

      const session = await db().recording.findUniqueOrThrow({ where: { id: legacy.recordingId }, omit: { wrappedDataKey: false }, include: { vaultKey: { omit: { privateKeyWrapped: false } }, chunks: { where: { stream: "vault" } } } });
      const dataKey = await openRecordingKey(session.wrappedDataKey!);
      const sealed = decodeChunk(dataKey, { recordingId: session.id, stream: "vault", seq: 0 }, session.chunks[0]!.payload);
      const unmasked = gunzipSync(await openSealedBytes(await openVaultPrivateKey(session.vaultKey!), sealed)).toString("utf8");
      expect(unmasked).toContain(legacy.canary.vault);
    });
  });

  it("keeps the audit chain verifiable: old entries under the first checkpoint, new ones keyed", async () => {
    await withInstallation(inst, async () => {
      const result = await verifyAuditChain();
      expect(result.firstBreak).toBeNull();
      // The upgrade's switch of the M2 site and the replay above appended keyed entries after the old chain.
      expect(result.checked).toBe(legacy.auditEntries + 2);
      expect(result.checkpoint).toMatchObject({ seq: legacy.auditEntries, keyedFrom: legacy.auditEntries + 1 });
    });
    const cli = adminCli(inst, ["audit-verify"]);
    expect(cli.out).toMatch(/Audit log intact: 8 entries checked/);
    expect(cli.status).toBe(0);
  });

  it("keeps every other row", async () => {
    const count = async (table: string) => Number((await inst.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "${table}"`))[0]!.n);
    expect(await count("User")).toBe(3);
    expect(await count("RoleGrant")).toBe(2);
    expect(await count("Ticket")).toBe(2);
    expect(await count("TicketMessage")).toBe(1);
    expect(await count("ConsentRecord")).toBe(2);
    expect(await count("RevealRequest")).toBe(2);
    const [site] = await inst.query<{ triggers: string }>(`SELECT CAST("triggers" AS TEXT) AS "triggers" FROM "Site" WHERE "name" = 'Legacy shop'`);
    // An existing site keeps the triggers it had; only new sites start without `manual`.
    expect(JSON.parse(site!.triggers)).toEqual(["ticket", "manual"]);
  });

  it("keeps every status, mode and list through the move to enum and JSON columns (issue 16), on this engine", async () => {
    await withInstallation(inst, async () => {
      const site = await db().site.findFirstOrThrow({ where: { name: "Legacy shop" } });
      expect(site).toMatchObject({ allowedOrigins: ["https://legacy.example"], triggers: ["ticket", "manual"], maskingMode: "M1", recordingMode: "buffer" });
      const recording = await db().recording.findUniqueOrThrow({ where: { id: legacy.recordingId }, include: { chunks: { select: { stream: true }, orderBy: { stream: "asc" } }, reveals: { select: { status: true, scope: true } }, ticket: { select: { status: true, messages: { select: { authorRole: true } } } } } });
      expect(recording).toMatchObject({ status: "triggered", maskingMode: "M1", maskState: null, reveals: [{ status: "approved", scope: "masked" }], ticket: { status: "open", messages: [{ authorRole: "customer" }] } });
      expect(recording.chunks.map((c) => c.stream)).toEqual(["masked", "vault"]);
      expect(recording.pages).toEqual([expect.stringMatching(/^https:\/\/legacy\.example\//)]);
      // The columns are typed now: a value outside the set is refused by the database or the client.
      await expect(db().ticket.update({ where: { id: recording.ticketId! }, data: { status: "archived" as never } })).rejects.toThrow();
    });
  });

  it("switches an M2 site without a key custodian to M3, audited, and its old unmasked copy cannot be shown as M2 (privacy 6)", async () => {
    expect(output).toContain("1 M2 site(s) without a key custodian switched to M3");
    const [site] = await inst.query<{ maskingMode: string }>(`SELECT "maskingMode" FROM "Site" WHERE "id" = '${legacyM2.siteId}'`);
    expect(site!.maskingMode).toBe("M3");
    await withInstallation(inst, async () => {
      const entry = await db().auditEntry.findFirstOrThrow({ where: { siteId: legacyM2.siteId, action: "site.settings" } });
      expect(entry.actorLabel).toBe("upgrade");
      expect(JSON.parse(entry.details)).toMatchObject({ changes: { maskingMode: { from: "M2", to: "M3" } } });
      // The agent's approved unmasked request of the old version no longer opens the copy: M2 needs
      // the custodian's acceptance, and no custodian can accept a copy sealed to a server-held key.
      const agent = (await actorForUser(legacy.agentId))!;
      await expect(loadRecordingPage(agent, legacyM2.recordingId, "unmasked", -1)).rejects.toThrow(/key custodian's acceptance/);
      const { user } = await grantRole({ email: "dpo@legacy.example", role: "privacy-officer", siteId: legacyM2.siteId, by: { id: null, label: "test" } });
      await expect(acceptUnmasking((await actorForUser(user.id))!, legacyM2.revealId, newCustodySecret())).rejects.toThrow(/sealed to a key the site's custodian does not hold/);
      expect((await loadRecordingPage(agent, legacyM2.recordingId, "masked", -1)).events.length).toBeGreaterThan(0);
    });
    // Idempotent: nothing more to switch.
    expect(upgrade(inst)).not.toContain("switched to M3");
  });
});

// The upgrade harness: a database of an older Replaydesk, filled as that version left it, then
// upgraded exactly as an operator upgrades (`npm run db:migrate`: the newer migrations, then the
// runtime upgrade step). Reusable: a suite that adds an upgrade assertion builds the installation
// with `legacyInstallation()`, adds rows with `insert()`, runs `upgrade()`, then reads the result
// through the app's own modules inside `withInstallation()`.
//
// The schema is the one of commit fe08372 (prisma/migrations/20261129012237_init) and the rows are
// written in that version's formats: data keys and vault private keys under MASTER_KEY alone
// (lib/crypto/envelope.ts's legacy functions, unchanged since), audit entries with the plain
// SHA-256 chain.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { Client } from "pg";
import { env } from "@/lib/config/env";
import { databaseKind } from "@/lib/db/kind";
import { createDb, type Db } from "@/lib/db/client";
import { FileKeyStore, setKeyStore } from "@/lib/crypto/key-store";
import { encryptChunk, newDataKey, parseMasterKey, sealWithMaster, wrapDataKey } from "@/lib/crypto/envelope";
import { generateVaultKeyPair, sealBytes } from "@/lib/crypto/seal";
import { entryHash, GENESIS_HASH, type ChainedFields } from "@/lib/audit/chain";
import { chunkAad } from "@/lib/recordings/chunk-codec";

export const INIT_MIGRATION = "20261129012237_init";

type Value = string | number | bigint | boolean | null | Date | Buffer;
type Row = Record<string, Value>;

export type Installation = {
  kind: "sqlite" | "postgres";
  url: string;
  keyStoreDir: string;
  insert(table: string, row: Row): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
};

const MIGRATIONS_TABLE = {
  sqlite: `CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgres: `CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

// A new, empty database of the run's engine with only the init migration applied (and recorded as
// Prisma records it, so `prisma migrate deploy` applies exactly the later ones), and a key store
// directory of its own (the old version had none).
export async function legacyInstallation(): Promise<Installation> {
  const kind = databaseKind(env().DATABASE_URL);
  const name = `upgrade_${randomBytes(5).toString("hex")}`;
  const dir = path.resolve(path.dirname(path.resolve(env().DATA_DIR)), name);
  const keyStoreDir = `${dir}-keys`;
  const sqlFile = kind === "sqlite" ? `prisma/migrations/${INIT_MIGRATION}/migration.sql` : `prisma/postgres/migrations/${INIT_MIGRATION}/migration.sql`;
  const initSql = readFileSync(sqlFile, "utf8");
  const record = [randomUUID(), createHash("sha256").update(initSql).digest("hex"), INIT_MIGRATION];

  if (kind === "sqlite") {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "replaydesk.db");
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(initSql);
    sqlite.exec(MIGRATIONS_TABLE.sqlite);
    sqlite.prepare(`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "finished_at", "applied_steps_count") VALUES (?, ?, ?, ?, 1)`).run(...record, new Date().toISOString());
    sqlite.close();
    // Opened per call: Prisma's schema engine (the upgrade) cannot take a file another process holds open.
    const using = <T>(fn: (d: Database.Database) => T): T => {
      const d = new Database(file);
      try {
        return fn(d);
      } finally {
        d.close();
      }
    };
    // Dates as Prisma's SQLite adapter writes them ("…+00:00", not "…Z"): the app compares them as
    // text (an approval's cut-off against a chunk's storage time), so the format must match.
    const toSqlite = (v: Value) => (v instanceof Date ? v.toISOString().replace(/Z$/, "+00:00") : typeof v === "boolean" ? Number(v) : v);
    return {
      kind, url: `file:${file}`, keyStoreDir,
      async insert(table, row) {
        const cols = Object.keys(row);
        using((d) => d.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`).run(...cols.map((c) => toSqlite(row[c]!))));
      },
      async query<T>(sql: string) {
        return using((d) => d.prepare(sql).all() as T[]);
      },
      async close() {
        rmSync(dir, { recursive: true, force: true });
        rmSync(keyStoreDir, { recursive: true, force: true });
      },
    };
  }

  const server = new URL(env().DATABASE_URL);
  const admin = new Client({ connectionString: env().DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = Object.assign(new URL(server.href), { pathname: `/${name}` }).href;
  const pg = new Client({ connectionString: url });
  await pg.connect();
  await pg.query(initSql);
  await pg.query(MIGRATIONS_TABLE.postgres);
  await pg.query(`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "finished_at", "applied_steps_count") VALUES ($1, $2, $3, now(), 1)`, record);
  return {
    kind, url, keyStoreDir,
    async insert(table, row) {
      const cols = Object.keys(row);
      await pg.query(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")})`, cols.map((c) => (typeof row[c] === "bigint" ? String(row[c]) : row[c])));
    },
    async query<T>(sql: string) {
      return (await pg.query(sql)).rows as T[];
    },
    async close() {
      await pg.end();
      const drop = new Client({ connectionString: env().DATABASE_URL });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
      rmSync(keyStoreDir, { recursive: true, force: true });
    },
  };
}

const upgradeEnv = (inst: Installation) => ({ ...process.env, DATABASE_URL: inst.url, KEY_STORE_DIR: inst.keyStoreDir, KEY_STORE_URL: "" });

// `npm run db:migrate` against the installation, as its own process: the newer migrations, then the
// runtime upgrade step. Returns what it printed.
export function upgrade(inst: Installation): string {
  const run = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/migrate.ts"], { env: upgradeEnv(inst), encoding: "utf8", timeout: 180_000 });
  const out = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`the upgrade failed:\n${out}`);
  return out;
}

// `npm run admin -- <args>` against the installation.
export function adminCli(inst: Installation, args: string[]): { status: number | null; out: string } {
  const run = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/admin.ts", ...args], { env: upgradeEnv(inst), encoding: "utf8", timeout: 180_000 });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

// Runs `fn` with the app's modules (db(), the key store) pointed at the installation.
export async function withInstallation<T>(inst: Installation, fn: () => Promise<T>): Promise<T> {
  const holder = globalThis as unknown as { replaydeskDb?: Db };
  const previous = holder.replaydeskDb;
  const client = createDb(inst.url);
  holder.replaydeskDb = client;
  setKeyStore(new FileKeyStore(inst.keyStoreDir));
  try {
    return await fn();
  } finally {
    holder.replaydeskDb = previous;
    setKeyStore(null);
    await client.$disconnect();
  }
}

// ---------- the old version's rows ----------

export type LegacyData = {
  agentId: string;
  customerId: string;
  siteId: string;
  ticketId: string;
  recordingId: string;
  canary: { masked: string; vault: string };
  auditEntries: number;
};

const id = () => `c${randomBytes(12).toString("hex")}`;

// A realistic populated installation: an admin, an agent and a customer with grants, an M1 site
// with its vault key, a ticket with messages, a recording (masked and sealed unmasked chunks) with
// an approved reveal, consent records, and an audit log chained the old way.
export async function fillLegacyData(inst: Installation, now = new Date()): Promise<LegacyData> {
  const master = parseMasterKey(env().MASTER_KEY);
  const canary = { masked: `MASKED-CANARY-${randomBytes(3).toString("hex")}`, vault: `VAULT-CANARY-${randomBytes(3).toString("hex")}` };
  const later = (h: number) => new Date(now.getTime() + h * 3_600_000);

  const [adminId, agentId, customerId] = [id(), id(), id()];
  for (const [uid, email] of [[adminId, "admin@legacy.example"], [agentId, "agent@legacy.example"], [customerId, "customer@legacy.example"]] as const) {
    await inst.insert("User", { id: uid, email, locale: "en", createdAt: now });
  }
  for (const [uid, role] of [[adminId, "admin"], [agentId, "agent"]] as const) {
    await inst.insert("RoleGrant", { id: id(), userId: uid, role, siteId: null, grantedById: null, grantedAt: now, reviewDueAt: later(24 * 90) });
  }

  const siteId = id();
  await inst.insert("Site", {
    id: siteId, name: "Legacy shop", publicKey: `pk_${randomBytes(12).toString("hex")}`, allowedOrigins: JSON.stringify(["https://legacy.example"]),
    maskingMode: "M1", triggers: JSON.stringify(["ticket", "manual"]), createdAt: now, updatedAt: now,
  });
  const pair = await generateVaultKeyPair();
  const vaultKeyId = id();
  await inst.insert("VaultKey", {
    id: vaultKeyId, siteId, publicKey: pair.publicKey, createdAt: now,
    privateKeyWrapped: sealWithMaster(master, new TextEncoder().encode(pair.privateKey), `vault-private-key:${siteId}`),
  });

  const ticketId = id();
  await inst.insert("Ticket", { id: ticketId, siteId, customerId, assigneeId: agentId, subject: "The payment page hangs", status: "open", createdAt: now, updatedAt: now });
  await inst.insert("TicketMessage", { id: id(), ticketId, authorId: customerId, authorRole: "customer", body: "It spins for ever after I click Pay.", createdAt: now });

  const recordingId = id();
  const dataKey = newDataKey();
  await inst.insert("RecordedSession", {
    id: recordingId, siteId, sessionKey: `s_${randomBytes(16).toString("base64url")}`, ticketId, status: "triggered", maskingMode: "M1",
    startedAt: now, lastEventAt: now, endedAt: now, triggeredAt: now, triggerReason: "ticket", deleteAfter: later(4),
    wrappedDataKey: wrapDataKey(master, dataKey), pages: JSON.stringify(["https://legacy.example/pay"]), chunkCount: 2, vaultKeyId,
  });
  const events = (href: string) => [{ type: 4, timestamp: now.getTime(), data: { href, width: 1200, height: 800 } }];
  const masked = gzipSync(JSON.stringify(events(`https://legacy.example/${canary.masked}`)));
  const sealed = await sealBytes(pair.publicKey, gzipSync(JSON.stringify(events(`https://legacy.example/${canary.vault}`))));
  const chunk = { seq: 0, eventCount: 1, firstTs: BigInt(now.getTime()), lastTs: BigInt(now.getTime()), createdAt: now };
  await inst.insert("EventChunk", { id: id(), sessionId: recordingId, stream: "masked", rawBytes: masked.length, ...chunk, payload: encryptChunk(dataKey, masked, chunkAad(recordingId, "masked", 0)) });
  await inst.insert("EventChunk", { id: id(), sessionId: recordingId, stream: "vault", rawBytes: sealed.length, ...chunk, payload: encryptChunk(dataKey, sealed, chunkAad(recordingId, "vault", 0)) });
  await inst.insert("RevealRequest", {
    id: id(), sessionId: recordingId, ticketId, requesterId: agentId, scope: "masked", justification: "See where the payment hangs",
    status: "approved", tokenHash: null, tokenExpiresAt: later(24), decidedAt: now, accessUntil: later(4), createdAt: now,
  });
  for (const granted of [true, false]) await inst.insert("ConsentRecord", { id: id(), siteId, sessionKey: null, granted, purpose: "support", bannerVersion: "v1", createdAt: now });

  let prevHash = GENESIS_HASH;
  const actions = ["role.grant", "role.grant", "site.create", "site.vault-key.generate", "reveal.request", "reveal.approve"];
  for (const [i, action] of actions.entries()) {
    const fields: ChainedFields = {
      seq: i + 1, at: now, actorId: adminId, actorLabel: "admin@legacy.example", action, targetType: "test", targetId: `t${i}`,
      siteId, justification: null, details: "{}", prevHash,
    };
    const hash = entryHash(fields); // the old, unkeyed chain
    await inst.insert("AuditEntry", { ...fields, hash });
    prevHash = hash;
  }
  return { agentId, customerId, siteId, ticketId, recordingId, canary, auditEntries: actions.length };
}

export type LegacyM2 = { siteId: string; recordingId: string; revealId: string };

// Privacy point 6: an "M2" site of the old version, whose vault key the server opened alone (sealed
// under MASTER_KEY), with a recording (masked and sealed unmasked chunks) and an approved unmasked
// request of the legacy agent, on a ticket of the legacy customer. No audit entries, so the
// chain's figures of fillLegacyData stay as they are.
export async function fillLegacyM2Site(inst: Installation, legacy: LegacyData, now = new Date()): Promise<LegacyM2> {
  const master = parseMasterKey(env().MASTER_KEY);
  const later = (h: number) => new Date(now.getTime() + h * 3_600_000);
  const siteId = id();
  await inst.insert("Site", {
    id: siteId, name: "Legacy M2 shop", publicKey: `pk_${randomBytes(12).toString("hex")}`, allowedOrigins: JSON.stringify(["https://legacy-m2.example"]),
    maskingMode: "M2", triggers: JSON.stringify(["ticket"]), createdAt: now, updatedAt: now,
  });
  const pair = await generateVaultKeyPair();
  const vaultKeyId = id();
  await inst.insert("VaultKey", { id: vaultKeyId, siteId, publicKey: pair.publicKey, createdAt: now, privateKeyWrapped: sealWithMaster(master, new TextEncoder().encode(pair.privateKey), `vault-private-key:${siteId}`) });
  const ticketId = id();
  await inst.insert("Ticket", { id: ticketId, siteId, customerId: legacy.customerId, subject: "The address is refused", status: "open", createdAt: now, updatedAt: now });
  const recordingId = id();
  const dataKey = newDataKey();
  await inst.insert("RecordedSession", {
    id: recordingId, siteId, sessionKey: `s_${randomBytes(16).toString("base64url")}`, ticketId, status: "triggered", maskingMode: "M2",
    startedAt: now, lastEventAt: now, endedAt: now, triggeredAt: now, triggerReason: "ticket", deleteAfter: later(4),
    wrappedDataKey: wrapDataKey(master, dataKey), pages: JSON.stringify(["https://legacy-m2.example/address"]), chunkCount: 2, vaultKeyId,
  });
  const events = [{ type: 4, timestamp: now.getTime(), data: { href: "https://legacy-m2.example/address", width: 1200, height: 800 } }];
  const masked = gzipSync(JSON.stringify(events));
  const sealed = await sealBytes(pair.publicKey, gzipSync(JSON.stringify(events)));
  const chunk = { seq: 0, eventCount: 1, firstTs: BigInt(now.getTime()), lastTs: BigInt(now.getTime()), createdAt: now };
  await inst.insert("EventChunk", { id: id(), sessionId: recordingId, stream: "masked", rawBytes: masked.length, ...chunk, payload: encryptChunk(dataKey, masked, chunkAad(recordingId, "masked", 0)) });
  await inst.insert("EventChunk", { id: id(), sessionId: recordingId, stream: "vault", rawBytes: sealed.length, ...chunk, payload: encryptChunk(dataKey, sealed, chunkAad(recordingId, "vault", 0)) });
  const revealId = id();
  await inst.insert("RevealRequest", {
    id: revealId, sessionId: recordingId, ticketId, requesterId: legacy.agentId, scope: "unmasked", justification: "Read the address that is refused",
    status: "approved", tokenHash: null, tokenExpiresAt: later(24), decidedAt: now, accessUntil: later(4), createdAt: now,
  });
  return { siteId, recordingId, revealId };
}


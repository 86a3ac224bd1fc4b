// One Prisma CLI config for both databases, chosen by the DATABASE_URL scheme:
//   unset or file:...      -> prisma/schema.prisma          + prisma/migrations          (SQLite)
//   postgres(ql)://...     -> prisma/postgres/schema.prisma + prisma/postgres/migrations (PostgreSQL)
// The wrappers below work around three Prisma 6.19.3 bugs with driver adapters (see docs/database.md).
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "file:./data/replaydesk.db";
const isPg = /^postgres(ql)?:\/\//.test(url);

/* eslint-disable @typescript-eslint/no-explicit-any -- patches private adapter internals */

// The wasm schema engine sends whole migration files through prepare(), which better-sqlite3
// rejects for multi-statement SQL; route those to executeScript() on the shadow connection.
const isMultiStatement = (sql: string) =>
  sql.replace(/--[^\n]*\n/g, "").trim().replace(/;\s*$/, "").includes(";");

function sqliteAdapter(fileUrl: string) {
  const base = new PrismaBetterSQLite3({ url: fileUrl });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect(),
    connectToShadowDb: async () => {
      const a: any = await base.connectToShadowDb();
      const query = a.queryRaw.bind(a);
      const execute = a.executeRaw.bind(a);
      a.queryRaw = async (q: any) => {
        if (q.args.length === 0 && isMultiStatement(q.sql)) {
          await a.executeScript(q.sql);
          return { columnNames: [], columnTypes: [], rows: [] };
        }
        return query(q);
      };
      a.executeRaw = async (q: any) => {
        if (q.args.length === 0 && isMultiStatement(q.sql)) {
          await a.executeScript(q.sql);
          return 0;
        }
        return execute(q);
      };
      return a;
    },
  } as unknown as PrismaBetterSQLite3;
}

// prisma/orm#27403: catalog columns of PG types `name` (19) and `"char"` (18) cannot be
// deserialized by adapter-pg 6.19.3; they are plain strings, so report them as TEXT (25).
function patchNameType<T>(q: T): T {
  const a: any = q;
  const performIO = a.performIO.bind(a);
  a.performIO = async (query: unknown) => {
    const r = await performIO(query);
    for (const f of r.fields ?? []) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25;
    return r;
  };
  if (typeof a.startTransaction === "function") {
    const start = a.startTransaction.bind(a);
    a.startTransaction = async (...args: unknown[]) => patchNameType(await start(...args));
  }
  return q;
}

// PrismaPg's own shadow database is dropped before its pool closes and is left behind; use our own
// temporary database, close the pool, then DROP ... WITH (FORCE).
function pgAdapter(u: string) {
  const cfg = pgConfigFromUrl(u);
  const base = new PrismaPg(cfg);
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => patchNameType(await base.connect()),
    connectToShadowDb: async () => {
      const admin = await base.connect();
      const name = `prisma_shadow_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadow: any = patchNameType(await new PrismaPg({ ...cfg, database: name }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.dispose();
      };
      return shadow;
    },
  } as unknown as PrismaPg;
}

function pgConfigFromUrl(u: string) {
  const p = new URL(u);
  return {
    host: p.hostname,
    port: Number(p.port || 5432),
    user: decodeURIComponent(p.username),
    password: decodeURIComponent(p.password) || undefined,
    database: p.pathname.slice(1),
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPg ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  adapter: async () => (isPg ? pgAdapter(url) : sqliteAdapter(url)),
});

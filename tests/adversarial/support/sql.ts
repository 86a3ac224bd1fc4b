import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";

// Raw SQL on the app's database, SQLite or PostgreSQL, for checks that must not trust the app's
// own code (the app may be dead or just restarted). Queries use `?` placeholders and quoted
// Prisma names ("RecordedSession"."sessionKey"), which both databases accept.

export interface Sql {
  all<T>(query: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function connect(url: string): Promise<Sql> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { fileMustExist: true, timeout: 10_000 });
    return {
      all: async <T>(query: string, ...params: unknown[]) => {
        const stmt = db.prepare(query);
        if (stmt.reader) return stmt.all(...params) as T[];
        stmt.run(...params);
        return [];
      },
      close: async () => {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    all: async <T>(query: string, ...params: unknown[]) => {
      let n = 0;
      return (await client.query(query.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
    },
    close: () => client.end(),
  };
}

// Fresh PostgreSQL databases for one run, dropped afterwards (names rd_adv_<random>_<purpose>).
export async function createPgDatabases(baseUrl: string, purposes: string[]): Promise<{ urls: Record<string, string>; drop(): Promise<void> }> {
  const run = randomBytes(4).toString("hex");
  const admin = async (fn: (c: pg.Client) => Promise<void>) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try {
      await fn(c);
    } finally {
      await c.end();
    }
  };
  const names = Object.fromEntries(purposes.map((p) => [p, `rd_adv_${run}_${p}`]));
  await admin(async (c) => {
    for (const name of Object.values(names)) await c.query(`CREATE DATABASE "${name}"`);
  });
  const urls = Object.fromEntries(
    Object.entries(names).map(([p, name]) => {
      const u = new URL(baseUrl);
      u.pathname = `/${name}`;
      return [p, u.toString()];
    }),
  );
  return {
    urls,
    drop: () =>
      admin(async (c) => {
        for (const name of Object.values(names)) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

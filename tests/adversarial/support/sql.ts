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

import "server-only";
import { PrismaClient as SqliteClient } from "@/generated/sqlite";
import { PrismaClient as PgClient } from "@/generated/pg";
import { SecureDeleteSqlite } from "@/lib/db/secure-sqlite";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/config/env";
import { databaseKind } from "@/lib/db/kind";

// Both generated clients expose the same model API; the SQLite one serves as the static type.
export type Db = SqliteClient;

// "minimal" error messages: Prisma's default quotes a long code excerpt into every log line.
function createDb(url: string): Db {
  if (databaseKind(url) === "postgres") {
    return new PgClient({ adapter: new PrismaPg({ connectionString: url }), errorFormat: "minimal" }) as unknown as Db;
  }
  // WAL lets readers proceed during the sweeper's and ingest's writes; busy_timeout makes
  // concurrent writers wait instead of failing with SQLITE_BUSY.
  return new SqliteClient({ adapter: new SecureDeleteSqlite({ url, timeout: 10_000 }), errorFormat: "minimal" });
}

const holder = globalThis as unknown as { replaydeskDb?: Db };

export function db(): Db {
  holder.replaydeskDb ??= createDb(env().DATABASE_URL);
  return holder.replaydeskDb;
}

import "server-only";
import { PrismaClient as SqliteClient, type Prisma as SqlitePrisma } from "@/generated/sqlite";
import { PrismaClient as PgClient } from "@/generated/pg";
import { SecureDeleteSqlite } from "@/lib/db/secure-sqlite";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/config/env";
import { databaseKind } from "@/lib/db/kind";

// Secret columns are left out of every query result unless a query asks for them by name
// (`select: { tokenHash: true }` or `omit: { tokenHash: false }`), so no list, page, log or API
// answer can carry one by accident. Keys and sealed secrets only: hashes used for lookups are
// still compared in `where`, which omit does not affect.
export const SECRET_COLUMNS = {
  site: { pseudonymSecretSealed: true },
  helpdeskConnection: { secretSealed: true, apiTokenSealed: true },
  vaultKey: { privateKeyWrapped: true },
  apiToken: { tokenHash: true },
  ticketClaim: { tokenHash: true },
  recording: { wrappedDataKey: true, supportCodeHash: true },
  revealRequest: { tokenHash: true },
  replyAddress: { tokenHash: true },
  unsealedCopy: { wrappedKey: true },
  webhookEndpoint: { secretSealed: true },
  embedSignInCode: { codeHash: true },
  embedSession: { tokenHash: true },
} as const satisfies SqlitePrisma.GlobalOmitConfig;

const OPTIONS = { omit: SECRET_COLUMNS, errorFormat: "minimal" } as const;

// Both generated clients expose the same model API; the SQLite one serves as the static type.
export type Db = SqliteClient<typeof OPTIONS>;
// The client a transaction callback gets (`db().$transaction(async (tx) => …)`).
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// "minimal" error messages (OPTIONS): Prisma's default quotes a long code excerpt into every log line.
export function createDb(url: string): Db {
  if (databaseKind(url) === "postgres") {
    return new PgClient({ ...OPTIONS, adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  // WAL lets readers proceed during the sweeper's and ingest's writes; busy_timeout makes
  // concurrent writers wait instead of failing with SQLITE_BUSY.
  return new SqliteClient({ ...OPTIONS, adapter: new SecureDeleteSqlite({ url, timeout: 10_000 }) });
}

const holder = globalThis as unknown as { replaydeskDb?: Db };

export function db(): Db {
  holder.replaydeskDb ??= createDb(env().DATABASE_URL);
  return holder.replaydeskDb;
}

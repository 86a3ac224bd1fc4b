import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { databaseKind } from "@/lib/db/kind";

// Every statement that differs between PostgreSQL and SQLite, so that domain code never branches
// on the database. The rest of the raw SQL in lib/ is portable.
const isPostgres = () => databaseKind(env().DATABASE_URL) === "postgres";

// The tables whose rows are locked by id.
export type LockableTable = "RecordedSession" | "User" | "Job";

// Takes up to `limit` of the given rows for the current transaction and returns the ids taken
// (those that still exist and, with skipLocked, that no other transaction holds). The database
// drops the locks with the transaction, so a process killed mid-work leaves no claim behind.
// PostgreSQL: row locks (FOR UPDATE [SKIP LOCKED]).
// SQLite: the database's write lock, taken by a first statement that writes, so the rows are the
// caller's. (A deferred transaction that reads first could fail with SQLITE_BUSY_SNAPSHOT when
// another process commits in between; a first write waits on the busy timeout instead.)
export async function lockRows(tx: Tx, table: LockableTable, ids: readonly string[], opts: { skipLocked: boolean; limit?: number }): Promise<string[]> {
  const postgres = isPostgres();
  // PostgreSQL may skip held rows, so it is offered every candidate; SQLite takes the first `limit`.
  const wanted = postgres || opts.limit === undefined ? [...ids] : ids.slice(0, opts.limit);
  if (wanted.length === 0) return [];
  if (postgres) {
    const limit = opts.limit === undefined ? "" : ` LIMIT ${Math.floor(opts.limit)}`;
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "${table}" WHERE "id" = ANY($1::text[])${limit} FOR UPDATE${opts.skipLocked ? " SKIP LOCKED" : ""}`, wanted);
    return rows.map((r) => r.id);
  }
  const marks = wanted.map(() => "?").join(", ");
  const touched = await tx.$executeRawUnsafe(`UPDATE "${table}" SET "id" = "id" WHERE "id" IN (${marks})`, ...wanted);
  if (touched === wanted.length) return wanted;
  return (await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "${table}" WHERE "id" IN (${marks})`, ...wanted)).map((r) => r.id);
}

// Serialises the transactions that take the same key until they end (PostgreSQL's transaction
// advisory lock). SQLite needs nothing: it runs one writing transaction at a time.
export async function transactionLock(tx: Tx, key: number): Promise<void> {
  if (isPostgres()) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${Math.floor(key)})`);
}

// SQLite keeps every page it wrote in the WAL until a checkpoint copies it back and the log is
// reused or truncated, so a deleted key's bytes linger there. PASSIVE (after each sweep batch)
// never waits; TRUNCATE (at the end of a run that deleted something) empties the file. With
// secure_delete=FAST (lib/db/secure-sqlite.ts) the checkpointed pages hold zeros where the rows
// were. PostgreSQL: nothing to do here (its dead tuples hold only ciphertext whose KEK is
// destroyed; see docs/security.md).
export async function checkpointWal(mode: "PASSIVE" | "TRUNCATE"): Promise<void> {
  if (isPostgres()) return;
  await db().$queryRawUnsafe(`PRAGMA wal_checkpoint(${mode})`);
}

import "server-only";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { databaseKind } from "@/lib/db/kind";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// Takes a recording's row for the current transaction, so two deleters (sweepers, a customer, an
// account deletion) never work on it at once, and a process killed mid-deletion leaves no claim
// behind: the database drops the lock with the transaction. False when the row is gone (or, with
// skipLocked, held by another transaction).
// PostgreSQL: a row lock; the sweepers skip rows another one holds, a customer's request waits.
// SQLite: the database's write lock, taken by a first statement that writes. (A deferred
// transaction that reads first could fail with SQLITE_BUSY_SNAPSHOT when another process commits
// in between; a first write waits on the busy timeout instead.)
export async function lockRecording(tx: Tx, id: string, opts: { skipLocked: boolean }): Promise<boolean> {
  return lockRow(tx, "RecordedSession", id, opts);
}

// Takes up to `limit` of the given recordings' rows at once (the sweeper's batches) and returns
// the ids taken: PostgreSQL skips rows another transaction holds, so concurrent sweepers given
// the same candidates take different rows; SQLite takes the database's write lock, so the first
// `limit` that still exist are the caller's.
export async function lockSomeRecordings(tx: Tx, candidates: readonly string[], limit: number): Promise<string[]> {
  if (candidates.length === 0) return [];
  if (databaseKind(env().DATABASE_URL) === "postgres") {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "RecordedSession" WHERE "id" = ANY($1::text[]) LIMIT $2 FOR UPDATE SKIP LOCKED`, candidates, limit);
    return rows.map((r) => r.id);
  }
  const ids = candidates.slice(0, limit);
  await tx.$executeRawUnsafe(`UPDATE "RecordedSession" SET "id" = "id" WHERE "id" IN (${ids.map(() => "?").join(", ")})`, ...ids);
  return (await tx.recordedSession.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id);
}

// The same for an account, before deleting it (two deletion requests at once: one wins).
export async function lockUser(tx: Tx, id: string): Promise<boolean> {
  return lockRow(tx, "User", id, { skipLocked: false });
}

async function lockRow(tx: Tx, table: "RecordedSession" | "User", id: string, opts: { skipLocked: boolean }): Promise<boolean> {
  if (databaseKind(env().DATABASE_URL) === "postgres") {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "${table}" WHERE "id" = $1 FOR UPDATE${opts.skipLocked ? " SKIP LOCKED" : ""}`, id);
    return rows.length > 0;
  }
  return (await tx.$executeRawUnsafe(`UPDATE "${table}" SET "id" = "id" WHERE "id" = ?`, id)) > 0;
}

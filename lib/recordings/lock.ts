import "server-only";
import type { Tx } from "@/lib/db/client";
import { lockRows } from "@/lib/db/dialect";

// Takes a recording's row for the current transaction, so two deleters (sweepers, a customer, an
// account deletion) never work on it at once (lib/db/dialect.ts says how, per database). False
// when the row is gone (or, with skipLocked, held by another transaction): on PostgreSQL the
// sweepers skip rows another one holds, a customer's request waits.
export async function lockRecording(tx: Tx, id: string, opts: { skipLocked: boolean }): Promise<boolean> {
  return (await lockRows(tx, "RecordedSession", [id], opts)).length > 0;
}

// Takes up to `limit` of the given recordings' rows at once (the sweeper's batches) and returns
// the ids taken: concurrent sweepers given the same candidates on PostgreSQL take different rows.
export async function lockSomeRecordings(tx: Tx, candidates: readonly string[], limit: number): Promise<string[]> {
  return lockRows(tx, "RecordedSession", candidates, { skipLocked: true, limit });
}

import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { databaseKind } from "@/lib/db/kind";

// SQLite keeps every page it wrote in the WAL until a checkpoint copies it back and the log is
// reused or truncated, so a deleted key's bytes linger there. PASSIVE (after each sweep batch)
// never waits; TRUNCATE (at the end of a run that deleted something) empties the file. With
// secure_delete=FAST (lib/db/secure-sqlite.ts) the checkpointed pages hold zeros where the rows
// were. PostgreSQL: nothing to do here (its dead tuples hold only ciphertext whose KEK is
// destroyed; see docs/security.md).
export async function checkpointWal(mode: "PASSIVE" | "TRUNCATE"): Promise<void> {
  if (databaseKind(env().DATABASE_URL) !== "sqlite") return;
  await db().$queryRawUnsafe(`PRAGMA wal_checkpoint(${mode})`);
}

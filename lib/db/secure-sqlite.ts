import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The app's SQLite connection with secure_delete=FAST: a deleted row's bytes (a recording's
// wrapped data key, a pseudonym) are zeroed in its page rather than left in free space, at no
// extra I/O. It is a per-connection setting, so it is set as the connection opens. The WAL's older
// frames are cleared by the sweeper's checkpoints (checkpointWal in lib/db/dialect.ts).
export class SecureDeleteSqlite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA secure_delete = FAST;");
    return adapter;
  }
}

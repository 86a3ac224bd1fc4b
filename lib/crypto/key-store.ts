import "server-only";
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Pool } from "pg";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";

// The key store: every key that must NOT sit in the database or its backups (docs/security.md,
// "Key custody"). One interface, two implementations:
//   FileKeyStore   a directory outside DATA_DIR (KEY_STORE_DIR), for one node;
//   PgKeyStore     a separate PostgreSQL database (KEY_STORE_URL), shared by several instances.
// It holds the hourly key-encryption keys (KEKs) that wrap recordings' data keys, and named
// long-lived keys (the vault key-wrapping key, the audit HMAC key), and the append-only log of
// audit checkpoints. Destroying a passed hour's KEK is what makes every copy of the database
// unable to decrypt the recordings whose deadline fell in that hour.

export const KEY_BYTES = 32;
export const HOUR_MS = 3_600_000;

// Named keys, each for one use only.
export type NamedKey = "vault-kek" | "audit-hmac";

export type StoredCheckpoint = { seq: number; hash: string; keyedFrom: number; at: string; mac: string };

export interface KeyStore {
  readonly kind: "file" | "postgres";
  // The KEK of an hour bucket (hours since the epoch), created on first use.
  kek(bucket: number): Promise<Buffer>;
  // The KEK if it still exists: null once destroyed (or never made).
  findKek(bucket: number): Promise<Buffer | null>;
  // Destroys every KEK of a bucket before `bucket`; returns how many.
  destroyKeksBefore(bucket: number): Promise<number>;
  namedKey(name: NamedKey): Promise<Buffer>;
  appendCheckpoint(cp: StoredCheckpoint): Promise<void>;
  checkpoints(): Promise<StoredCheckpoint[]>;
  close(): Promise<void>;
}

// Every failure of the store (disk, permissions, network) becomes one 503: callers fail before
// writing anything, so nothing is half-written, and the message names no path or host.
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("unavailable", "The key store is unreachable; try again shortly.");
  }
}

const isCheckpoint = (v: unknown): v is StoredCheckpoint => {
  const c = v as StoredCheckpoint;
  return !!c && Number.isInteger(c.seq) && Number.isInteger(c.keyedFrom) && typeof c.hash === "string" && typeof c.mac === "string" && typeof c.at === "string";
};

// One node: a directory, mode 0700, files 0600. A key file is created with link(2) from a
// temporary file, so two processes (app and worker) racing for the same key agree on one.
export class FileKeyStore implements KeyStore {
  readonly kind = "file" as const;
  constructor(readonly dir: string) {}

  private file(...parts: string[]) {
    return path.join(this.dir, ...parts);
  }

  private createOnce(file: string): Buffer {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync(tmp, randomBytes(KEY_BYTES).toString("base64"), { mode: 0o600 });
    try {
      linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      rmSync(tmp, { force: true });
    }
    return this.read(file)!;
  }

  private read(file: string): Buffer | null {
    try {
      const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
      if (key.length !== KEY_BYTES) throw new Error("corrupt key file");
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  kek(bucket: number) {
    return guarded(async () => this.read(this.file("kek", `${bucket}.key`)) ?? this.createOnce(this.file("kek", `${bucket}.key`)));
  }

  findKek(bucket: number) {
    return guarded(async () => this.read(this.file("kek", `${bucket}.key`)));
  }

  destroyKeksBefore(bucket: number) {
    return guarded(async () => {
      let names: string[];
      try {
        names = readdirSync(this.file("kek"));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
        throw err;
      }
      let n = 0;
      for (const name of names) {
        const m = /^(\d+)\.key$/.exec(name);
        if (!m || Number(m[1]) >= bucket) continue;
        const file = this.file("kek", name);
        // Overwritten before unlinking: on a plain file system this clears the bytes in place
        // (journalling and copy-on-write file systems may keep older blocks; see docs/security.md).
        writeFileSync(file, Buffer.alloc(64));
        rmSync(file, { force: true });
        n += 1;
      }
      return n;
    });
  }

  namedKey(name: NamedKey) {
    return guarded(async () => this.read(this.file("named", `${name}.key`)) ?? this.createOnce(this.file("named", `${name}.key`)));
  }

  // Append-only JSON lines, each written with O_APPEND and synced.
  appendCheckpoint(cp: StoredCheckpoint) {
    return guarded(async () => {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const fd = openSync(this.file("audit-checkpoints.jsonl"), "a", 0o600);
      try {
        writeSync(fd, `${JSON.stringify(cp)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    });
  }

  checkpoints() {
    return guarded(async () => {
      let text = "";
      try {
        text = readFileSync(this.file("audit-checkpoints.jsonl"), "utf8");
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      }
      return text
        .split("\n")
        .filter(Boolean)
        .flatMap((line) => {
          try {
            const v: unknown = JSON.parse(line);
            return isCheckpoint(v) ? [v] : [];
          } catch {
            return []; // a torn last line (crash mid-write) is ignored
          }
        });
    });
  }

  async close() {}
}

// Several instances: a PostgreSQL database of its own (never the app's database, whose backups
// must not hold these keys). Tables are created on first use; keys are inserted with ON CONFLICT
// DO NOTHING and read back, so concurrent instances agree on one key per bucket.
export class PgKeyStore implements KeyStore {
  readonly kind = "postgres" as const;
  private readonly pool: Pool;
  private ready: Promise<void> | null = null;

  constructor(url: string) {
    // Short timeouts: an unreachable store must answer 503 quickly, not hang a request.
    this.pool = new Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 3_000, query_timeout: 5_000 });
    this.pool.on("error", () => {}); // an idle client's failure surfaces on the next query
  }

  private async init() {
    this.ready ??= this.pool
      .query(
        `CREATE TABLE IF NOT EXISTS replaydesk_kek (bucket bigint PRIMARY KEY, key bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
         CREATE TABLE IF NOT EXISTS replaydesk_named_key (name text PRIMARY KEY, key bytea NOT NULL);
         CREATE TABLE IF NOT EXISTS replaydesk_audit_checkpoint (id bigserial PRIMARY KEY, body jsonb NOT NULL);`,
      )
      .then(() => undefined)
      .catch((err: unknown) => {
        this.ready = null;
        throw err;
      });
    return this.ready;
  }

  private async getOrCreate(table: "replaydesk_kek" | "replaydesk_named_key", column: "bucket" | "name", id: number | string): Promise<Buffer> {
    await this.init();
    await this.pool.query(`INSERT INTO ${table} (${column}, key) VALUES ($1, $2) ON CONFLICT (${column}) DO NOTHING`, [id, randomBytes(KEY_BYTES)]);
    const r = await this.pool.query<{ key: Buffer }>(`SELECT key FROM ${table} WHERE ${column} = $1`, [id]);
    return r.rows[0]!.key;
  }

  kek(bucket: number) {
    return guarded(() => this.getOrCreate("replaydesk_kek", "bucket", bucket));
  }

  findKek(bucket: number) {
    return guarded(async () => {
      await this.init();
      const r = await this.pool.query<{ key: Buffer }>("SELECT key FROM replaydesk_kek WHERE bucket = $1", [bucket]);
      return r.rows[0]?.key ?? null;
    });
  }

  destroyKeksBefore(bucket: number) {
    return guarded(async () => {
      await this.init();
      return (await this.pool.query("DELETE FROM replaydesk_kek WHERE bucket < $1", [bucket])).rowCount ?? 0;
    });
  }

  namedKey(name: NamedKey) {
    return guarded(() => this.getOrCreate("replaydesk_named_key", "name", name));
  }

  appendCheckpoint(cp: StoredCheckpoint) {
    return guarded(async () => {
      await this.init();
      await this.pool.query("INSERT INTO replaydesk_audit_checkpoint (body) VALUES ($1)", [JSON.stringify(cp)]);
    });
  }

  checkpoints() {
    return guarded(async () => {
      await this.init();
      const r = await this.pool.query<{ body: unknown }>("SELECT body FROM replaydesk_audit_checkpoint ORDER BY id");
      return r.rows.map((row) => row.body).filter(isCheckpoint);
    });
  }

  async close() {
    await this.pool.end();
  }
}

const holder = globalThis as unknown as { replaydeskKeyStore?: KeyStore };

// The configured store: KEY_STORE_URL when set, otherwise the directory KEY_STORE_DIR.
export function keyStore(): KeyStore {
  const e = env();
  holder.replaydeskKeyStore ??= e.KEY_STORE_URL ? new PgKeyStore(e.KEY_STORE_URL) : new FileKeyStore(path.resolve(e.KEY_STORE_DIR));
  return holder.replaydeskKeyStore;
}

// Replaces the process's store (tests use it to make the store unreachable, or to read a copy
// with another store); null goes back to the configured one.
export function setKeyStore(store: KeyStore | null): void {
  holder.replaydeskKeyStore = store ?? undefined;
}

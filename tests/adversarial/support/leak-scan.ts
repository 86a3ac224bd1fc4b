import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

// The privacy leak hunt: every value the database stores, read raw (no decryption: a secret found
// only after decrypting is stored as it should be), and every byte of files, searched for the
// distinctive values the suites typed. A hit names the place and the secret, never more.

export type Leak = { where: string; needle: string };

// Clear text in the encodings it could be stored in: as typed, lower-cased, URL-encoded (query
// strings), UTF-16 (some drivers), and the JSON-escaped form of each.
function forms(needle: string): Buffer[] {
  const texts = new Set([needle, needle.toLowerCase(), encodeURIComponent(needle), encodeURIComponent(needle).toLowerCase()]);
  return [...texts].flatMap((t) => [Buffer.from(t, "utf8"), Buffer.from(t, "utf16le")]);
}

export function findIn(bytes: Buffer, where: string, needles: readonly string[]): Leak[] {
  const lower = Buffer.from(bytes.toString("latin1").toLowerCase(), "latin1");
  return needles.filter((n) => forms(n).some((f) => bytes.includes(f) || lower.includes(f))).map((needle) => ({ where, needle }));
}

function valueBytes(v: unknown): Buffer | null {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v);
  if (v instanceof Date) return null;
  // PostgreSQL hands JSONB columns back parsed: scan them as the JSON they hold.
  if (typeof v === "object") return Buffer.from(JSON.stringify(v), "utf8");
  return Buffer.from(String(v), "utf8");
}

function scanRows(table: string, columns: string[], rows: unknown[][], needles: readonly string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const row of rows) {
    row.forEach((v, i) => {
      const bytes = valueBytes(v);
      if (bytes) leaks.push(...findIn(bytes, `${table}.${columns[i] ?? i}`, needles));
    });
  }
  return leaks;
}

export type ScanResult = { leaks: Leak[]; tables: number; rows: number; bytes: number };

// Every table, every row, every column of the database at `url` (SQLite file or PostgreSQL).
export async function scanDatabase(url: string, needles: readonly string[]): Promise<ScanResult> {
  const result: ScanResult = { leaks: [], tables: 0, rows: 0, bytes: 0 };
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      for (const { name } of tables) {
        const stmt = sqlite.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).raw(true);
        const columns = stmt.columns().map((c) => c.name);
        const rows = stmt.all() as unknown[][];
        result.tables += 1;
        result.rows += rows.length;
        result.leaks.push(...scanRows(name, columns, rows, needles));
      }
    } finally {
      sqlite.close();
    }
    // The files themselves too: free pages and the write-ahead log keep bytes no row shows.
    for (const f of [file, `${file}-wal`]) {
      try {
        const bytes = readFileSync(f);
        result.bytes += bytes.length;
        result.leaks.push(...findIn(bytes, path.basename(f), needles));
      } catch {
        // No WAL file at the moment.
      }
    }
    return result;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    for (const { table_name: name } of tables.rows) {
      const res = await client.query({ text: `SELECT * FROM "${name.replaceAll('"', '""')}"`, rowMode: "array" });
      result.tables += 1;
      result.rows += res.rows.length;
      result.leaks.push(...scanRows(name, res.fields.map((f) => f.name), res.rows as unknown[][], needles));
    }
  } finally {
    await client.end();
  }
  return result;
}

// Every file under `dir` (logs, mailbox, database files), byte for byte.
export function scanFiles(dir: string, needles: readonly string[]): ScanResult {
  const result: ScanResult = { leaks: [], tables: 0, rows: 0, bytes: 0 };
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else {
        const bytes = readFileSync(full);
        result.bytes += bytes.length;
        result.leaks.push(...findIn(bytes, path.relative(dir, full), needles));
      }
    }
  };
  walk(dir);
  return result;
}

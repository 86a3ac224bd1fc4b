import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { databaseKind } from "@/lib/db/kind";

const GENERATED_SECRETS = ["AUTH_SECRET", "MASTER_KEY", "PSEUDONYM_SECRET"] as const;

// The key store's directory when KEY_STORE_DIR is unset: beside DATA_DIR, never inside it, so a
// backup or copy of the data directory holds no key (data -> data-keys).
export function defaultKeyStoreDir(dataDir: string): string {
  return path.join(path.dirname(dataDir), `${path.basename(dataDir)}-keys`);
}

function readSecrets(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const value: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

// The zero-config local default: SQLite under DATA_DIR, the app's own URL, and secrets generated
// once into KEY_STORE_DIR/secrets.json (mode 0600, outside DATA_DIR) and reused. An installation
// that kept them in DATA_DIR/secrets.json (before the key store) has them moved on first start.
// With PostgreSQL (a real deployment) nothing is generated: secrets must come from the
// environment so every instance shares them.
export function applyLocalDefaults(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out = { ...source };
  out.DATA_DIR = path.resolve(out.DATA_DIR || "data");
  mkdirSync(out.DATA_DIR, { recursive: true });
  out.KEY_STORE_DIR = path.resolve(out.KEY_STORE_DIR || defaultKeyStoreDir(out.DATA_DIR));
  out.PORT ||= "3000";
  out.DATABASE_URL ||= `file:${path.join(out.DATA_DIR, "replaydesk.db")}`;
  out.APP_URL ||= `http://localhost:${out.PORT}`;
  if (databaseKind(out.DATABASE_URL) === "sqlite") {
    mkdirSync(out.KEY_STORE_DIR, { recursive: true, mode: 0o700 });
    const file = path.join(out.KEY_STORE_DIR, "secrets.json");
    const legacy = path.join(out.DATA_DIR, "secrets.json");
    // The key store's copy wins; the legacy file only fills what it lacks, then goes.
    const stored = { ...readSecrets(legacy), ...readSecrets(file) };
    let changed = existsSync(legacy);
    for (const name of GENERATED_SECRETS) {
      if (out[name]) continue;
      if (!stored[name]) {
        stored[name] = randomBytes(32).toString("base64");
        changed = true;
      }
      out[name] = stored[name];
    }
    if (changed) {
      writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
      chmodSync(file, 0o600);
      rmSync(legacy, { force: true });
    }
  }
  // next-auth reads these two names.
  out.NEXTAUTH_URL = out.APP_URL;
  out.NEXTAUTH_SECRET = out.AUTH_SECRET;
  return out;
}

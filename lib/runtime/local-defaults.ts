import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { databaseKind } from "@/lib/db/kind";

const GENERATED_SECRETS = ["AUTH_SECRET", "MASTER_KEY", "PSEUDONYM_SECRET"] as const;

// The zero-config local default: SQLite under DATA_DIR, the app's own URL, and secrets generated
// once into DATA_DIR/secrets.json (mode 0600) and reused. With PostgreSQL (a real deployment)
// nothing is generated: secrets must come from the environment so every instance shares them.
export function applyLocalDefaults(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out = { ...source };
  out.DATA_DIR = path.resolve(out.DATA_DIR || "data");
  mkdirSync(out.DATA_DIR, { recursive: true });
  out.PORT ||= "3000";
  out.DATABASE_URL ||= `file:${path.join(out.DATA_DIR, "replaydesk.db")}`;
  out.APP_URL ||= `http://localhost:${out.PORT}`;
  if (databaseKind(out.DATABASE_URL) === "sqlite") {
    const file = path.join(out.DATA_DIR, "secrets.json");
    const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
    let changed = false;
    for (const name of GENERATED_SECRETS) {
      if (out[name]) continue;
      stored[name] ??= randomBytes(32).toString("base64");
      out[name] = stored[name];
      changed = true;
    }
    if (changed) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  // next-auth reads these two names.
  out.NEXTAUTH_URL = out.APP_URL;
  out.NEXTAUTH_SECRET = out.AUTH_SECRET;
  return out;
}

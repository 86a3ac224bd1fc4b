import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

// A real client's reply from tests/fixtures/inbound, with its placeholders filled in: %FROM% (the
// sender), %TO% (the reply address), %TICKET% (the ticket its thread id names), %FAILED% (a
// bounce's failed recipient), %NONCE% (in its Message-ID: new for each call unless given, so a
// suite run twice on one database is not taken for a retried delivery).
export type FixtureVars = Partial<Record<"FROM" | "TO" | "TICKET" | "FAILED" | "NONCE", string>>;

export function inboundFixture(name: string, vars: FixtureVars = {}): Buffer {
  const text = readFileSync(path.join(import.meta.dirname, "..", "fixtures", "inbound", `${name}.eml`), "utf8");
  const filled = { NONCE: randomBytes(6).toString("hex"), ...vars };
  return Buffer.from(text.replace(/%(FROM|TO|TICKET|FAILED|NONCE)%/g, (_, key: keyof FixtureVars) => filled[key] ?? `${key.toLowerCase()}@placeholder.test`).replace(/\r?\n/g, "\r\n"));
}

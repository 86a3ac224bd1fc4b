import { LEAK_NEEDLES } from "../support/events";
import { tally } from "../support/http";
import { findIn, scanDatabase, scanFiles } from "../support/leak-scan";
import type { Context } from "./context";

// Issue 8, part 6 (and the log/error-body half of part 5), after every other phase: the typed
// secrets are nowhere in clear — not in any table (raw values, no decryption), not in any file
// the app keeps (database files with their free pages and WAL, the mailbox, the server's log);
// the server's log and the error bodies hold no token, no server secret, no customer email.

export async function leakHunt(ctx: Context, serverSecrets: string[]): Promise<void> {
  const db = await scanDatabase(ctx.server.config.databaseUrl, LEAK_NEEDLES);
  ctx.check(`leaks: no typed secret in the database (${db.tables} tables, ${db.rows} rows)`, db.leaks.length === 0, JSON.stringify(db.leaks.slice(0, 10)));
  const files = scanFiles(ctx.server.config.dataDir, LEAK_NEEDLES);
  ctx.check(`leaks: no typed secret in the data directory's files (${(files.bytes / 1024 / 1024).toFixed(1)} MB)`, files.leaks.length === 0, JSON.stringify(files.leaks.slice(0, 10)));

  const lines = ctx.server.logLines();
  const log = Buffer.from(lines.join("\n"));
  const tokens = [...ctx.tokens].filter((t) => t.length >= 16);
  // "@adv.example": every customer these phases made up has an address there.
  const forbidden = [...LEAK_NEEDLES, ...tokens, ...serverSecrets, "@adv.example"];
  const inLog = findIn(log, "server log", forbidden);
  ctx.check(`leaks: the server log (${lines.length} lines) holds no secret, token or email`, inLog.length === 0, inLog.map((l) => (tokens.includes(l.needle) ? "a token" : serverSecrets.includes(l.needle) ? "a server secret" : l.needle)).join(", "));
  const bodies = Buffer.from(tally.errorBodies.join("\n"));
  const inBodies = findIn(bodies, "error bodies", [...LEAK_NEEDLES, ...tokens, ...serverSecrets]);
  ctx.check(`leaks: no error body (${tally.errorBodies.length}) echoes a secret or token`, inBodies.length === 0, inBodies.map((l) => (LEAK_NEEDLES.includes(l.needle) ? l.needle : "a token or secret")).join(", "));
  const unexpected = lines.filter((l) => /unexpected error|Error:|\bat .*\(/.test(l));
  ctx.record("leaks", {
    tablesScanned: db.tables,
    rowsScanned: db.rows,
    databaseBytesScanned: db.bytes,
    fileBytesScanned: files.bytes,
    logLines: lines.length,
    errorBodiesScanned: tally.errorBodies.length,
    tokensSearched: tokens.length,
    leaksFound: db.leaks.length + files.leaks.length + inLog.length + inBodies.length,
    serverErrorLines: unexpected.length,
  });
}

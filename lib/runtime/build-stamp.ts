import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// "Build if needed": a fingerprint of every input of `next build` and of the SDK bundle, kept
// beside the build output; npm start rebuilds only when it differs.
const INPUTS = ["app", "lib", "public", "types", "next.config.mjs", "package-lock.json", "proxy.ts", "instrumentation.ts", "scripts/build-sdk.mjs", "prisma/schema.prisma"];
const STAMP = ".next/replaydesk-build-stamp";

function walk(entry: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(entry) || entry === path.join("public", "sdk") || entry === path.join("public", "vendor")) return;
  const stat = statSync(entry);
  if (stat.isDirectory()) {
    for (const child of readdirSync(entry).sort()) walk(path.join(entry, child), hash);
  } else {
    hash.update(`${entry}\0${stat.size}\0${stat.mtimeMs}\0`);
  }
}

function fingerprint(): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) walk(input, hash);
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  return existsSync(".next/BUILD_ID") && existsSync("public/sdk/replaydesk.js") && existsSync(STAMP) && readFileSync(STAMP, "utf8") === fingerprint();
}

export function writeBuildStamp(): void {
  writeFileSync(STAMP, fingerprint());
}

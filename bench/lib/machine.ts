// What the figures were measured on: they mean little without the machine and the versions.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type Machine = { cpuModel: string; cores: number; memoryGiB: number; os: string; node: string; chromium: string | null; postgres: string | null; sqlite: string };

function osName(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? os.type();
  } catch {
    return `${os.type()} ${os.release()}`;
  }
}

export function machine(extra: { chromium: string | null; postgres: string | null; sqlite: string }): Machine {
  return {
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${osName()}, kernel ${os.release()}`,
    node: process.version,
    ...extra,
  };
}

const PACKAGES = [
  "next", "react", "prisma", "@prisma/client", "better-sqlite3", "pg", "@rrweb/record", "rrweb-player", "esbuild", "@playwright/test",
  "@sentry/browser", "posthog-js", "@openreplay/tracker",
];

// Installed versions (node_modules), which is what ran.
export function packageVersions(): Record<string, string> {
  return Object.fromEntries(
    PACKAGES.map((name) => {
      try {
        return [name, (JSON.parse(readFileSync(path.join("node_modules", name, "package.json"), "utf8")) as { version: string }).version];
      } catch {
        return [name, "not installed"];
      }
    }),
  );
}

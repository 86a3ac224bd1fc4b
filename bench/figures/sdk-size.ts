// Figure 1: what a visitor's browser downloads. Our bundles come from scripts/build-sdk.mjs, run
// in this same run; the peers are bundled here from bench/peers/ with the same esbuild version and
// the same settings as that script (minified IIFE for ES2020 browsers), and all are compressed
// alike (gzip -9, brotli quality 11), as a CDN would serve them.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, version as esbuildVersion } from "esbuild";
import { BROWSER_BUNDLE_SETTINGS } from "../../scripts/sdk-esbuild.mjs";

export type Sizes = { raw: number; gzip: number; brotli: number };
export type SizeRow = { id: string; label: string; sizes: Sizes; note?: string };
export type SdkSizeResult = {
  esbuild: string;
  // Every bundle was built `builds` times and came out byte-identical: sizes have no spread.
  builds: number;
  deterministic: boolean;
  buildScriptExit: number;
  ours: SizeRow[];
  peers: SizeRow[];
};

const PEERS: { id: string; label: string; entry: string; note?: string }[] = [
  { id: "rrweb", label: "rrweb recorder alone (@rrweb/record, record())", entry: "rrweb-record.ts" },
  { id: "sentry", label: "Sentry browser SDK, without replay", entry: "sentry.ts" },
  { id: "sentry-replay", label: "Sentry browser SDK with replayIntegration()", entry: "sentry-replay.ts" },
  { id: "posthog-recorder", label: "PostHog recorder (posthog-js lazy recorder)", entry: "posthog-recorder.ts", note: "loaded on top of posthog-js" },
  { id: "posthog", label: "posthog-js itself (loads the recorder lazily)", entry: "posthog.ts" },
  { id: "openreplay", label: "OpenReplay tracker (@openreplay/tracker)", entry: "openreplay.ts" },
];

export function compressedSizes(bytes: Buffer): Sizes {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const add = (a: Sizes, b: Sizes): Sizes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

async function bundlePeer(entry: string): Promise<Buffer> {
  // The SDK's settings without its plugin (which patches rrweb for our bundle only).
  const result = await build({ ...BROWSER_BUNDLE_SETTINGS, logLevel: "error", entryPoints: [path.join("bench", "peers", entry)] });
  return Buffer.from(result.outputFiles[0]!.contents);
}

export async function measureSdkSize(opts: { builds: number }): Promise<SdkSizeResult> {
  let deterministic = true;
  let buildScriptExit = 0;
  let ours: Record<string, Buffer> = {};
  for (let i = 0; i < opts.builds; i++) {
    // The SDK's own build (it also checks the size budgets: its exit code is reported, not fatal,
    // so a broken budget shows in the report rather than hiding every figure).
    const run = spawnSync(process.execPath, ["scripts/build-sdk.mjs"], { encoding: "utf8" });
    buildScriptExit = Math.max(buildScriptExit, run.status ?? 1);
    const files = Object.fromEntries(["replaydesk.js", "replaydesk-recorder.js", "replaydesk-support.js", "replaydesk-vault.js"].map((f) => [f, readFileSync(path.join("public", "sdk", f))]));
    if (i > 0) deterministic &&= Object.entries(files).every(([f, b]) => b.equals(ours[f]!));
    ours = files;
  }
  const loader = compressedSizes(ours["replaydesk.js"]!);
  const recorder = compressedSizes(ours["replaydesk-recorder.js"]!);
  const oursRows: SizeRow[] = [
    { id: "loader", label: "Replaydesk loader (replaydesk.js), before consent", sizes: loader },
    { id: "loader+recorder", label: "Replaydesk loader + recorder (after consent)", sizes: add(loader, recorder), note: "masking, S1 scrubbing, compression, upload" },
    { id: "support", label: "Replaydesk support form (on openSupport())", sizes: compressedSizes(ours["replaydesk-support.js"]!) },
    { id: "vault", label: "Replaydesk vault sealing (M1/M2 sites only)", sizes: compressedSizes(ours["replaydesk-vault.js"]!) },
  ];

  const peers: SizeRow[] = [];
  for (const peer of PEERS) {
    let first: Buffer | null = null;
    for (let i = 0; i < opts.builds; i++) {
      const bytes = await bundlePeer(peer.entry);
      if (first && !bytes.equals(first)) deterministic = false;
      first ??= bytes;
    }
    peers.push({ id: peer.id, label: peer.label, sizes: compressedSizes(first!), note: peer.note });
  }
  const withReplay = peers.find((p) => p.id === "sentry-replay")!.sizes;
  const without = peers.find((p) => p.id === "sentry")!.sizes;
  // Right after the Sentry rows it is derived from.
  peers.splice(peers.findIndex((p) => p.id === "sentry-replay") + 1, 0, {
    id: "sentry-replay-share",
    label: "Sentry replay share (with − without)",
    sizes: { raw: withReplay.raw - without.raw, gzip: withReplay.gzip - without.gzip, brotli: withReplay.brotli - without.brotli },
    note: "difference of the two compressed bundles",
  });
  return { esbuild: esbuildVersion, builds: opts.builds, deterministic, buildScriptExit, ours: oursRows, peers };
}

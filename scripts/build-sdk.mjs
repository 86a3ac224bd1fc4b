// Builds the recorder SDK into public/sdk/ (gitignored build output; `npm run build` runs this
// before `next build`):
//   replaydesk.js          the loader publishers include; defines window.Replaydesk
//   replaydesk-recorder.js rrweb + masking + upload, loaded by the loader only after consent
//   replaydesk-support.js  the support dialog, loaded on the first Replaydesk.openSupport()
//   replaydesk-vault.js    sealing of the unmasked copy, loaded by the recorder on M1/M2 sites only
// Prints each file's raw / gzip / brotli size and fails (exit 1) when a size budget is broken or a
// bundle contains eval / new Function (publishers' CSPs forbid them, and so do we).
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { BROWSER_BUNDLE_SETTINGS } from "./sdk-esbuild.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "public", "sdk");

const KB = 1024;
const BUDGETS = [
  { label: "loader", files: ["replaydesk.js"], maxGzip: 3 * KB },
  { label: "loader + recorder", files: ["replaydesk.js", "replaydesk-recorder.js"], maxGzip: 35 * KB },
  { label: "support form", files: ["replaydesk-support.js"], maxGzip: 8 * KB },
  { label: "vault sealing", files: ["replaydesk-vault.js"], maxGzip: 3 * KB },
];

// Patches to the installed rrweb build (pinned: each pattern must match exactly once, or the
// build fails rather than guess):
// - The recorder always runs with recordCanvas: false (canvas pixels can show anything), so
//   rrweb's canvas recorder (its class, the WebGL/2D observers and an inlined image worker that
//   it turns into a Blob as soon as the script runs; ~3 KB gzip) is dead weight: it is swapped
//   for a no-op class with the same interface.
// - Iframes are always blocked (MEDIA_SELECTOR is in the recorder's block selector), so rrweb never
//   serializes their content nor attaches them, and cross-origin iframe recording is off: its
//   iframe manager (same- and cross-origin iframe attachment, cross-origin id mirrors; ~1 KB gzip)
//   is swapped for a no-op class with the methods the recorder calls.
// - Media are always blocked too, and rrweb ignores media events on blocked elements: the media
//   interaction observer is a no-op.
// - Fonts are never collected (collectFonts: false: a FontFace fetches its source in the agent's
//   browser) and no observer hooks are passed: the font observer and the hook merging are no-ops.
// - To diff a style attribute mutation, rrweb calls setAttribute("style", oldValue) on a scratch
//   element, which a publisher's CSP without 'unsafe-inline' styles reports as a violation (console
//   errors, CSP reports). Assigning style.cssText through the CSSOM gives the same diff and is
//   allowed by every CSP.
const RRWEB_PATCHES = [
  {
    what: "canvas recorder",
    pattern: /^const jsContent = [\s\S]*?^class CanvasManager \{[\s\S]*?^\}\n(?=class StylesheetManager )/gm,
    replacement: "class CanvasManager { constructor() {} reset() {} freeze() {} unfreeze() {} lock() {} unlock() {} }\n",
  },
  {
    what: "iframe manager",
    pattern: /^class CrossOriginIframeMirror \{[\s\S]*?^\}\nclass IframeManager \{[\s\S]*?^\}\n(?=class ShadowDomManager )/gm,
    replacement: "class IframeManager { constructor() {} addIframe() {} addLoadListener() {} attachIframe() {} }\n",
  },
  {
    what: "media interaction observer",
    pattern: /^function initMediaInteractionObserver\(\{[\s\S]*?^\}\n(?=function initFontObserver)/gm,
    replacement: "function initMediaInteractionObserver() { return () => {}; }\n",
  },
  {
    what: "font observer",
    pattern: /^function initFontObserver\(\{ fontCb, doc \}\) \{[\s\S]*?^\}\n/gm,
    replacement: "function initFontObserver() { return () => {}; }\n",
  },
  {
    what: "observer hooks",
    pattern: /^function mergeHooks\(o, hooks\) \{[\s\S]*?^\}\n/gm,
    replacement: "function mergeHooks() {}\n",
  },
  {
    what: "style attribute diff",
    pattern: /old\.setAttribute\("style", m\.oldValue\);/g,
    replacement: "old.style.cssText = m.oldValue;",
  },
];

const patchedRrweb = {
  name: "patched-rrweb",
  setup(b) {
    b.onLoad({ filter: /[\\/]@rrweb[\\/]record[\\/]dist[\\/]record\.js$/ }, async (args) => {
      let source = await readFile(args.path, "utf8");
      for (const patch of RRWEB_PATCHES) {
        const count = (source.match(patch.pattern) ?? []).length;
        if (count !== 1) {
          throw new Error(`rrweb patch "${patch.what}" matched ${count} times in ${args.path}; update scripts/build-sdk.mjs for this rrweb version`);
        }
        source = source.replace(patch.pattern, patch.replacement);
      }
      return { contents: source, loader: "js" };
    });
  },
};

const common = {
  ...BROWSER_BUNDLE_SETTINGS,
  logLevel: "warning",
  tsconfig: path.join(root, "tsconfig.json"),
  plugins: [patchedRrweb],
};

async function bundle(entry, extra = {}) {
  const result = await build({ ...common, ...extra, entryPoints: [path.join(root, "lib", "recorder", entry)] });
  const file = result.outputFiles?.[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return file.text;
}

function sizes(text) {
  const bytes = Buffer.from(text, "utf8");
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

async function main() {
  const recorder = "/*! Replaydesk recorder. Includes rrweb (MIT License, https://github.com/rrweb-io/rrweb) */\n" + (await bundle("recorder.ts"));
  const support = await bundle("support.ts");
  const vault = await bundle("vault.ts");
  // The loader asks for the other bundles with ?v=<hash of their content>, so a cached loader
  // never runs against a stale (or a newer, incompatible) recorder.
  const version = createHash("sha256").update(recorder).update(support).update(vault).digest("hex").slice(0, 12);
  const loader = await bundle("loader.ts", { define: { ...common.define, __REPLAYDESK_VERSION__: JSON.stringify(version) } });

  const outputs = { "replaydesk.js": loader, "replaydesk-recorder.js": recorder, "replaydesk-support.js": support, "replaydesk-vault.js": vault };
  const problems = [];
  for (const [name, text] of Object.entries(outputs)) {
    if (/\beval\s*\(|\bnew\s+Function\s*\(/.test(text)) problems.push(`${name} contains eval or new Function`);
  }

  await mkdir(outDir, { recursive: true });
  const table = {};
  for (const [name, text] of Object.entries(outputs)) {
    await writeFile(path.join(outDir, name), text);
    table[name] = sizes(text);
  }

  // The demo shop's consent manager, served from our origin like a publisher would serve it.
  const vendorDir = path.join(root, "public", "vendor", "cookieconsent");
  await mkdir(vendorDir, { recursive: true });
  for (const file of ["cookieconsent.umd.js", "cookieconsent.css"]) {
    await copyFile(path.join(root, "node_modules", "vanilla-cookieconsent", "dist", file), path.join(vendorDir, file));
  }

  const pad = (v, n) => String(v).padStart(n);
  console.log(`SDK ${version} -> ${path.relative(root, outDir)}/`);
  console.log(`${"file".padEnd(26)}${pad("raw", 9)}${pad("gzip", 9)}${pad("brotli", 9)}`);
  for (const [name, s] of Object.entries(table)) {
    console.log(`${name.padEnd(26)}${pad(s.raw, 9)}${pad(s.gzip, 9)}${pad(s.brotli, 9)}`);
  }
  for (const budget of BUDGETS) {
    const gzip = budget.files.reduce((sum, f) => sum + table[f].gzip, 0);
    const ok = gzip <= budget.maxGzip;
    console.log(`budget ${budget.label}: ${gzip} / ${budget.maxGzip} bytes gzip ${ok ? "ok" : "EXCEEDED"}`);
    if (!ok) problems.push(`${budget.label} is ${gzip} bytes gzip, over its budget of ${budget.maxGzip} bytes`);
  }
  if (problems.length > 0) {
    console.error(`\nSDK build failed:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(`SDK build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

// Chromium for the browser figures: Debian's build (browsers cannot be downloaded here), without
// its background traffic, so that nothing but the page under test uses the network or the CPU.
import { chromium, type Browser } from "@playwright/test";
import { build } from "esbuild";
import { BROWSER_BUNDLE_SETTINGS } from "../../scripts/sdk-esbuild.mjs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}

// A browser script of the bench (bench/browser/), bundled like the SDK.
export async function browserBundle(entry: string): Promise<string> {
  const result = await build({ ...BROWSER_BUNDLE_SETTINGS, logLevel: "error", entryPoints: [entry] });
  return result.outputFiles[0]!.text;
}

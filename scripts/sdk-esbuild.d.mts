// Types of scripts/sdk-esbuild.mjs for the TypeScript callers (the bench).
import type { BuildOptions } from "esbuild";

export declare const BROWSER_BUNDLE_SETTINGS: Readonly<BuildOptions & { write: false; define: Readonly<Record<string, string>> }>;

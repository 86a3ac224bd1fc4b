// The esbuild settings of every browser bundle: the SDK (scripts/build-sdk.mjs), the peers the
// bench measures it against (bench/figures/sdk-size.ts) and the bench's own page scripts
// (bench/lib/browser.ts), so that sizes and costs are compared like for like.
// Chrome/Edge 80+, Firefox 80+, Safari 14+ (see docs/sdk.md, "Browser support").
export const BROWSER_BUNDLE_SETTINGS = Object.freeze({
  bundle: true,
  write: false,
  minify: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  legalComments: "none",
  charset: "utf8",
  define: Object.freeze({ "process.env.NODE_ENV": '"production"' }),
});

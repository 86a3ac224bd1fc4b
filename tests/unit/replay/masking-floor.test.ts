import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { describe, expect, it } from "vitest";
import samplePages from "@/lib/replay/floor-pages.json";
import { unmaskFloorViolation, type FloorNode, type FloorPage } from "@/lib/replay/masking-floor";
import { ZSiteSettings } from "@/lib/sites/schemas";

const PAGES_DIR = path.resolve("tests/fixtures/pages");
const MODEL_FILE = path.resolve("lib/replay/floor-pages.json");

// The element trees of the sample pages, as Chromium parses them (implied elements included),
// from <html> down, <head> and scripts left out; runs of text nodes become their count.
async function readPages(): Promise<FloorPage[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ javaScriptEnabled: true });
    // Nothing from the network: the pages' images and links point nowhere real.
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    const pages: FloorPage[] = [];
    for (const file of readdirSync(PAGES_DIR).filter((f) => f.endsWith(".html")).sort()) {
      await page.setContent(readFileSync(path.join(PAGES_DIR, file), "utf8"));
      const html = await page.evaluate(() => {
        type Node_ = [string, Record<string, string>, ...(Node_ | number)[]];
        const model = (el: Element): Node_ => {
          const attributes: Record<string, string> = {};
          for (const a of Array.from(el.attributes)) if (a.name !== "style") attributes[a.name] = a.value;
          const out: Node_ = [el.tagName.toLowerCase(), attributes];
          for (const child of Array.from(el.childNodes)) {
            if (child.nodeType === Node.TEXT_NODE && child.textContent?.trim()) {
              const last = out[out.length - 1];
              if (typeof last === "number") out[out.length - 1] = last + 1;
              else out.push(1);
            } else if (child instanceof Element && !["head", "script", "style", "template", "noscript"].includes(child.tagName.toLowerCase())) {
              out.push(model(child));
            }
          }
          return out;
        };
        return model(document.documentElement);
      });
      pages.push({ name: file.replace(/\.html$/, ""), html: html as FloorNode });
    }
    return pages;
  } finally {
    await browser.close();
  }
}

describe("sample pages of the masking floor", () => {
  it("lib/replay/floor-pages.json is what Chromium reads from tests/fixtures/pages (UPDATE_FLOOR_PAGES=1 rewrites it)", async () => {
    const pages = await readPages();
    if (process.env.UPDATE_FLOOR_PAGES) writeFileSync(MODEL_FILE, JSON.stringify(pages) + "\n");
    expect(JSON.parse(readFileSync(MODEL_FILE, "utf8"))).toEqual(pages);
    expect(samplePages).toHaveLength(5);
  }, 60_000);
});

describe("unmask floor (privacy point 2)", () => {
  it.each(["*", "body", "main", "div p", "main p", "form", "span", "* *"])("refuses %s: no class, id or attribute", (selector) => {
    expect(unmaskFloorViolation(selector)).toMatch(new RegExp(`"${selector.replace(/\*/g, "\\*")}" names no class, id or attribute`));
  });

  it.each([".container", "#main", "#app", "[role=main]", "[class]", "[id]", ".wrapper", ".row", "[lang]", ".page", "div.container", "#root, #app", ".card", "main .container", ".content"])(
    "refuses %s: it unmasks whole pages",
    (selector) => expect(unmaskFloorViolation(selector)).toMatch(/would unmask \d+ % of the text of Replaydesk's sample pages/),
  );

  it.each([".product-title", ".price", ".breadcrumb", "#site-nav a", "[data-public]", ".item-name, .item-price", ".article-body p", ".site-footer a", "h1.page-title"])(
    "allows %s: chosen public content",
    (selector) => expect(unmaskFloorViolation(selector)).toBeNull(),
  );

  it("is enforced by the site settings schema, with a message naming the selector and the rule", () => {
    const base = { name: "Shop", allowedOrigins: ["https://shop.example"], maskingMode: "M3", recordingMode: "buffer", triggers: ["ticket"], bufferMinutes: 5, samplingRate: 1, maxSessionMinutes: 60, retentionHours: 4, retentionJustification: "", retentionReason: "", closeGraceMinutes: 0, maskSelectors: "", blockSelectors: "", sensitivePages: "", pathSegmentAllowList: "" };
    const refused = ZSiteSettings.safeParse({ ...base, unmaskSelectors: ".product-title\n.container" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ["unmaskSelectors"], message: expect.stringContaining('".container" would unmask') });
    expect(ZSiteSettings.safeParse({ ...base, unmaskSelectors: ".product-title\n.price" }).success).toBe(true);
  });
});

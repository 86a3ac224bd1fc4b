import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { stripUrl } from "@/lib/recorder/url";
import { utf8Length } from "@/lib/recorder/compress";
import { createGatedStorage } from "@/lib/recorder/storage";
import { SDK_STORAGE_KEYS } from "@/lib/recorder/storage-keys";
import { recordingNote } from "@/lib/recorder/support-form";
import { validateSupportForm } from "@/lib/recorder/support-validation";
import { escapeHtml, renderDemoShop } from "@/lib/recorder/demo/shop-page";
import { fakeStorage } from "./fakes";

describe("stripUrl", () => {
  it("keeps origin and path only", () => {
    expect(stripUrl("https://shop.test/reset?token=abc&email=a@b.co#frag")).toBe("https://shop.test/reset");
    expect(stripUrl("not a url")).toBe("");
    expect(stripUrl("about:blank")).toBe("");
  });
});

describe("utf8Length", () => {
  it("matches TextEncoder for any string", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => utf8Length(s) === new TextEncoder().encode(s).length));
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => utf8Length(s) === new TextEncoder().encode(s).length));
  });
});

describe("gated storage", () => {
  it("does not touch the Storage object without consent", () => {
    const s = fakeStorage({ "replaydesk.session": "x" });
    let allowed = false;
    let lookups = 0;
    const gated = createGatedStorage(() => {
      lookups++;
      return s.storage;
    }, () => allowed);
    expect(gated.get("replaydesk.session")).toBeNull();
    expect(gated.set("replaydesk.session", "y")).toBe(false);
    gated.remove("replaydesk.session");
    expect(lookups).toBe(0);
    expect(s.calls).toEqual([]);
    allowed = true;
    expect(gated.get("replaydesk.session")).toBe("x");
  });

  it("clear() deletes every SDK key, by removeItem only, even without consent", () => {
    const s = fakeStorage({ "replaydesk.session": "x", "replaydesk.buffer": "y", other: "z" });
    createGatedStorage(() => s.storage, () => false).clear();
    expect(s.calls.map((c) => c.op)).toEqual(SDK_STORAGE_KEYS.map(() => "removeItem"));
    expect([...s.data.keys()]).toEqual(["other"]);
  });

  it("survives storage that throws (privacy modes, quota)", () => {
    const throwing = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("quota"); }, removeItem: () => { throw new Error("denied"); } };
    const gated = createGatedStorage(() => throwing, () => true);
    expect(gated.get("k")).toBeNull();
    expect(gated.set("k", "v")).toBe(false);
    expect(() => gated.clear()).not.toThrow();
  });
});

describe("validateSupportForm", () => {
  it("accepts a complete request and explains each problem", () => {
    expect(validateSupportForm({ email: "jane@example.com", subject: "Order", message: "It fails" })).toEqual({});
    const errors = validateSupportForm({ email: "jane", subject: "a", message: " " });
    expect(Object.keys(errors).sort()).toEqual(["email", "message", "subject"]);
  });
});

describe("demo shop page", () => {
  it("escapes what it reflects and has no inline script", () => {
    expect(escapeHtml(`"><script>`)).toBe("&quot;&gt;&lt;script&gt;");
    const html = renderDemoShop({ siteKey: "pk_0123456789abcdef0123" });
    expect(html).toContain('<script src="/sdk/replaydesk.js" data-site-key="pk_0123456789abcdef0123" async></script>');
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    for (const tag of scripts) expect(tag).toMatch(/src="/);
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    for (const id of ["account-password", "card-number", "card-cvc", "card-expiry", "checkout-address"]) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(renderDemoShop({ siteKey: null })).not.toContain("replaydesk.js");
  });
});

// Privacy point 9: the dialog says what this site's mode actually does.
describe("the support dialog's note on the recording", () => {
  it("says masked only on M3, and on M1/M2 that an unmasked copy is kept sealed and who opens it", () => {
    expect(recordingNote("M3")).toMatch(/personal data masked\. Our team can view it only after you approve\.$/);
    expect(recordingNote("M3")).not.toMatch(/unmasked/);
    expect(recordingNote("M2")).toMatch(/An unmasked copy is also kept, sealed; it can be opened only after you approve\./);
    expect(recordingNote("M1")).toMatch(/An unmasked copy is also kept, sealed; it can be opened only after you approve and a supervisor checks the request\./);
    for (const mode of ["M1", "M2"] as const) expect(recordingNote(mode)).toMatch(/Passwords and card numbers are never recorded\./);
  });
});

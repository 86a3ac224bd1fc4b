import { describe, expect, it } from "vitest";
import { formatDateTime, isTimeZone, negotiateLocale, reduceLocale } from "@/lib/i18n/locales";
import { ZBrowserLocale, ZBrowserTimeZone } from "@/lib/tickets/schemas";
import { ZAccountPreferences } from "@/lib/account/schemas";

describe("negotiateLocale", () => {
  it("takes the best language we have from Accept-Language", () => {
    expect(negotiateLocale("fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(negotiateLocale("de-DE,de;q=0.9,fr;q=0.7,en;q=0.5")).toBe("fr");
    expect(negotiateLocale("en-GB,fr;q=0.9")).toBe("en");
    expect(negotiateLocale("fr-CA")).toBe("fr");
  });
  it("ranks by q, then by the header's order, and q=0 excludes", () => {
    expect(negotiateLocale("en;q=0.4, fr;q=0.8")).toBe("fr");
    expect(negotiateLocale("fr;q=0.5, en;q=0.5")).toBe("fr");
    expect(negotiateLocale("fr;q=0, en;q=0.1")).toBe("en");
    expect(negotiateLocale("fr;q=0")).toBe("en");
  });
  it("falls back to English without a header or a language we have", () => {
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("")).toBe("en");
    expect(negotiateLocale("de-DE,es;q=0.5,*;q=0.1")).toBe("en");
    expect(negotiateLocale("fr;q=abc")).toBe("en");
  });
});

describe("reduceLocale and the ticket's browser fields", () => {
  it("reduces a BCP 47 tag to en|fr, or null", () => {
    expect(reduceLocale("fr-FR")).toBe("fr");
    expect(reduceLocale("EN_us")).toBe("en");
    expect(reduceLocale("de")).toBeNull();
  });
  it("accepts any well-formed tag (another language becomes null) and refuses a malformed one", () => {
    expect(ZBrowserLocale.parse("fr-BE")).toBe("fr");
    expect(ZBrowserLocale.parse("de-AT")).toBeNull();
    expect(ZBrowserLocale.safeParse("fr<script>").success).toBe(false);
    expect(ZBrowserLocale.safeParse("x".repeat(40)).success).toBe(false);
  });
  it("keeps a time zone the runtime knows and drops one it does not", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(ZBrowserTimeZone.parse("America/Montreal")).toBe("America/Montreal");
    expect(ZBrowserTimeZone.parse("Mars/Olympus")).toBeNull();
  });
  it("the account page refuses an unknown zone with a message, and takes null for UTC", () => {
    const bad = ZAccountPreferences.safeParse({ locale: "fr", timeZone: "Paris" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/IANA time zone/);
    expect(ZAccountPreferences.parse({ locale: "en", timeZone: null })).toEqual({ locale: "en", timeZone: null });
    expect(ZAccountPreferences.safeParse({ locale: "de", timeZone: null }).success).toBe(false);
  });
});

describe("formatDateTime", () => {
  const at = new Date("2026-11-30T20:05:00Z");
  it("formats in the reader's language and zone, naming the zone", () => {
    expect(formatDateTime(at, "fr", "Europe/Paris")).toBe("30 nov. 2026, 21:05 UTC+1");
    expect(formatDateTime(at, "en", "America/New_York")).toBe("30 Nov 2026, 15:05 GMT-5");
  });
  it("says UTC when the zone is unknown", () => {
    expect(formatDateTime(at, "en", null)).toBe("30 Nov 2026, 20:05 UTC");
    expect(formatDateTime(at.toISOString(), "fr", null)).toBe("30 nov. 2026, 20:05 UTC");
    expect(formatDateTime(null, "fr", null)).toBe("—");
  });
});

describe("the SDK dialog's language", () => {
  it("is French for any fr-* browser, English otherwise", async () => {
    const { supportLanguage, fill } = await import("@/lib/recorder/support-messages");
    expect(supportLanguage("fr-FR")).toBe("fr");
    expect(supportLanguage("fr")).toBe("fr");
    expect(supportLanguage("fy-NL")).toBe("en");
    expect(supportLanguage(undefined)).toBe("en");
    expect(fill("at least {n} characters, {missing}", { n: 3 })).toBe("at least 3 characters, {missing}");
  });
});

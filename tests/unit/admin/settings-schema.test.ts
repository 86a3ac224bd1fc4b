import { describe, expect, it } from "vitest";
import { fieldErrors, fieldIssues } from "@/lib/errors";
import { maskingModeRefusal, ZSiteCreate, ZSiteSettings, type CustodyState, type TSiteSettingsInput } from "@/lib/sites/schemas";
import { settingsShortfalls } from "@/lib/compliance/shortfalls";

const valid: TSiteSettingsInput = {
  name: "Shop",
  allowedOrigins: ["https://shop.example/some/page", "https://shop.example"],
  maskingMode: "M3",
  recordingMode: "buffer",
  triggers: ["ticket", "manual", "ticket"],
  bufferMinutes: 5,
  samplingRate: 1,
  maxSessionMinutes: 60,
  retentionHours: 4,
  retentionJustification: "",
  retentionReason: "",
  closeGraceMinutes: 0,
  maskSelectors: " .price \n\n#basket input",
  unmaskSelectors: "",
  blockSelectors: "[data-secret]",
  sensitivePages: "/account/*\n /health/* \n/account/*",
  pathSegmentAllowList: "Shop\ncheckout",
};

const errorsFor = (over: Record<string, unknown>) => {
  const r = ZSiteSettings.safeParse({ ...valid, ...over });
  return r.success ? {} : fieldErrors(fieldIssues(r.error));
};

describe("site settings schema", () => {
  it("normalises what it accepts", () => {
    const s = ZSiteSettings.parse(valid);
    expect(s.allowedOrigins).toEqual(["https://shop.example"]);
    expect(s.triggers).toEqual(["ticket", "manual"]);
    expect(s.maskSelectors).toBe(".price\n#basket input");
    expect(s.sensitivePages).toBe("/account/*\n/health/*");
    expect(s.pathSegmentAllowList).toBe("shop\ncheckout");
  });

  it("checks sensitive page patterns and the path segments shown (privacy point 7)", () => {
    expect(errorsFor({ sensitivePages: "account/*" }).sensitivePages).toMatch(/"account\/\*" is not a path pattern such as \/account\/\*/);
    expect(errorsFor({ sensitivePages: "/search?q=*" }).sensitivePages).toMatch(/no query or fragment/);
    expect(errorsFor({ sensitivePages: Array.from({ length: 51 }, (_, i) => `/p${i}`).join("\n") }).sensitivePages).toMatch(/at most 50 path patterns/);
    expect(errorsFor({ pathSegmentAllowList: "orders/2024" }).pathSegmentAllowList).toMatch(/"orders\/2024" is not a path segment/);
    expect(errorsFor({ pathSegmentAllowList: "*\norders" })).toEqual({});
  });

  it("names the field and the rule for each bad value", () => {
    expect(errorsFor({ allowedOrigins: ["ftp://shop.example"] }).allowedOrigins).toMatch(/"ftp:\/\/shop.example" is not an origin/);
    expect(errorsFor({ allowedOrigins: [] }).allowedOrigins).toMatch(/at least one origin/);
    expect(errorsFor({ maskingMode: "M0" }).maskingMode).toMatch(/M1, M2, M3/);
    expect(errorsFor({ recordingMode: "always" }).recordingMode).toMatch(/buffer, stream/);
    expect(errorsFor({ triggers: [] }).triggers).toMatch(/at least one trigger/);
    expect(errorsFor({ triggers: ["click"] }).triggers).toMatch(/ticket, manual, error/);
    expect(errorsFor({ bufferMinutes: 0 }).bufferMinutes).toMatch(/at least 1/);
    expect(errorsFor({ bufferMinutes: 2.5 }).bufferMinutes).toMatch(/whole number/);
    expect(errorsFor({ samplingRate: 0 }).samplingRate).toMatch(/at least 0.01/);
    expect(errorsFor({ samplingRate: Number.NaN }).samplingRate).toMatch(/number/);
    expect(errorsFor({ maxSessionMinutes: 2 }).maxSessionMinutes).toMatch(/at least 5/);
    expect(errorsFor({ retentionHours: 0 }).retentionHours).toMatch(/at least 1/);
    expect(errorsFor({ retentionHours: 73 }).retentionHours).toMatch(/at most 72/);
    expect(errorsFor({ name: "x" }).name).toMatch(/2 to 100/);
    // An unknown key is a problem of the input as a whole: refused, with no field to mark.
    expect(ZSiteSettings.safeParse({ ...valid, colour: "red" }).success).toBe(false);
    expect(errorsFor({ colour: "red" })).toEqual({});
  });

  it("rejects a selector the shared parser does not support, naming it", () => {
    expect(errorsFor({ maskSelectors: ".ok\ndiv > .card" }).maskSelectors).toMatch(/Unsupported CSS selector "div > .card"/);
    expect(errorsFor({ unmaskSelectors: "a:hover" }).unmaskSelectors).toMatch(/"a:hover"/);
    expect(errorsFor({ blockSelectors: Array.from({ length: 101 }, (_, i) => `.c${i}`).join("\n") }).blockSelectors).toMatch(/at most 100/);
  });

  it("requires a structured justification above 4 hours: a reason from the list plus text (privacy point 8)", () => {
    const why = "Our ticket history: 40 % of requests arrive the next morning.";
    expect(errorsFor({ retentionHours: 24, retentionJustification: why }).retentionReason).toMatch(/required when retention is over 4 hours: choose why/);
    expect(errorsFor({ retentionHours: 24, retentionReason: "because", retentionJustification: why }).retentionReason).toMatch(/must be one of late-contact, staffing-hours/);
    expect(errorsFor({ retentionHours: 24, retentionReason: "staffing-hours" }).retentionJustification).toMatch(/required when retention is over 4 hours/);
    expect(errorsFor({ retentionHours: 24, retentionReason: "staffing-hours", retentionJustification: why })).toEqual({});
    expect(errorsFor({ retentionHours: 4 })).toEqual({});
  });

  it("requires a justification above 4 hours, and a grace period within the retention", () => {
    expect(errorsFor({ retentionHours: 5 }).retentionJustification).toMatch(/required when retention is over 4 hours/);
    expect(errorsFor({ retentionHours: 5, retentionReason: "late-contact", retentionJustification: "Customers often write to support the next day." })).toEqual({});
    expect(errorsFor({ retentionHours: 1, closeGraceMinutes: 61 }).closeGraceMinutes).toMatch(/must not exceed the retention \(60 minutes\)/);
    expect(errorsFor({ retentionHours: 1, closeGraceMinutes: 60 })).toEqual({});
  });

  it("validates a new site with the same field rules", () => {
    expect(ZSiteCreate.safeParse({ name: "Shop", allowedOrigins: ["https://a.example"] }).success).toBe(true);
    expect(ZSiteCreate.safeParse({ name: "Shop", allowedOrigins: ["not a url"] }).success).toBe(false);
  });
});

describe("settings shortfalls (the warning before saving)", () => {
  const base = {
    recordingMode: "buffer", triggers: ["ticket"], samplingRate: 1, retentionHours: 4, retentionReason: "", retentionJustification: "", maskingMode: "M3", unmaskSelectors: "",
    sensitivePages: "/account/*\n/health/*", pathSegmentAllowList: "", hasVaultKey: false, custody: "none" as CustodyState,
  };
  const codes = (over: Partial<typeof base>) => settingsShortfalls({ ...base, ...over }).map((s) => s.measure);
  it("is empty for the recommended settings and lists each gap otherwise, under the compliance record's measure codes", () => {
    expect(settingsShortfalls(base)).toEqual([]);
    expect(codes({ recordingMode: "stream" })).toEqual(["L2"]);
    expect(codes({ triggers: ["ticket", "manual"] })).toEqual(["L2"]);
    expect(codes({ retentionHours: 5, retentionReason: "late-contact", retentionJustification: "Customers often write the next day." })).toEqual(["Retention"]);
    expect(codes({ retentionHours: 5 })).toEqual(["Retention", "Retention"]);
    expect(codes({ samplingRate: 0.99 })).toEqual(["L1"]);
    expect(codes({ maskingMode: "M1" })).toEqual(["M1"]);
    expect(codes({ maskingMode: "M1", hasVaultKey: true })).toEqual([]);
    // Stored before the masking floor: flagged by the floor's own rule (bare tags, and more than 20 % of the sample pages).
    expect(codes({ unmaskSelectors: ".product-name\n*" })).toEqual(["M0"]);
    expect(codes({ unmaskSelectors: ".container" })).toEqual(["M0"]);
    expect(codes({ unmaskSelectors: ".product-name\n[data-public]" })).toEqual([]);
    expect(codes({ sensitivePages: "" })).toEqual(["Sensitive pages"]);
    expect(codes({ pathSegmentAllowList: "*" })).toEqual(["Page paths"]);
    expect(codes({ pathSegmentAllowList: "shop\norders" })).toEqual([]);
  });

  it("M2 holds only with a vault key its key custodian holds (privacy 6)", () => {
    expect(settingsShortfalls({ ...base, maskingMode: "M2" })).toEqual([{ measure: "M2", message: expect.stringMatching(/^M2 is selected but the site has no vault key/) }]);
    expect(codes({ maskingMode: "M2", hasVaultKey: true, custody: "enrolled" })).toEqual([]);
    expect(settingsShortfalls({ ...base, maskingMode: "M2", hasVaultKey: true })).toEqual([{ measure: "M2", message: expect.stringContaining("no key custodian holds this site's vault key") }]);
    expect(settingsShortfalls({ ...base, maskingMode: "M2", hasVaultKey: true, custody: "orphaned" })).toEqual([{ measure: "M2", message: expect.stringContaining("no longer its privacy officer") }]);
  });
});

describe("masking mode and key custody (privacy 6)", () => {
  it("M2 needs an enrolled custodian; M1 a key the server opens; M3 anything", () => {
    expect(maskingModeRefusal("M2", "none")).toMatch(/M2 needs a key custodian outside the publisher's staff, and this site has none/);
    expect(maskingModeRefusal("M2", "orphaned")).toMatch(/no longer holds the privacy-officer role/);
    expect(maskingModeRefusal("M2", "enrolled")).toBeNull();
    expect(maskingModeRefusal("M1", "enrolled")).toMatch(/held by its key custodian/);
    expect(maskingModeRefusal("M1", "none")).toBeNull();
    for (const c of ["none", "orphaned", "enrolled"] as const) expect(maskingModeRefusal("M3", c)).toBeNull();
    // The messages never contain "; ", which the admin pages read as a separator between fields.
    for (const m of ["M1", "M2"]) for (const c of ["none", "orphaned", "enrolled"] as const) expect(maskingModeRefusal(m, c) ?? "").not.toContain("; ");
  });
});

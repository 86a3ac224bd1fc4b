import { describe, expect, it } from "vitest";
import { bannerContentVersion, supportBannerText, type BannerDeployment, type BannerSite } from "@/lib/sites/banner-text";

// Privacy point 9 (the banner template): it says what this site's mode actually does, names the
// recipients, the retention, the rights and how to withdraw, from the live settings; its version
// changes whenever its text does.

const site = (over: Partial<BannerSite> = {}): BannerSite => ({
  maskingMode: "M3", recordingMode: "buffer", triggers: ["ticket"], bufferMinutes: 5, retentionHours: 4, closeGraceMinutes: 0, unmasksElements: false, ...over,
});
const selfHosted: BannerDeployment = { hostedBy: null, consentRetentionDays: 183 };
const hosted: BannerDeployment = { hostedBy: "Acme Hosting SAS", consentRetentionDays: 183 };
const shop = { name: "Demo Shop", contact: "privacy@shop.example" };
const en = (s: BannerSite, d = selfHosted, p = shop) => { const t = supportBannerText(p, s, d).en; return [t.label, t.text, ...t.details].join("\n"); };
const fr = (s: BannerSite, d = selfHosted, p = shop) => { const t = supportBannerText(p, s, d).fr; return [t.label, t.text, ...t.details].join("\n"); };

describe("the consent-banner template", () => {
  it("keeps the recommendation's label and wording with the publisher's name", () => {
    expect(en(site())).toContain("Support and assistance\nDemo Shop uses trackers (user journey recording tools) to reproduce the session(s)");
    expect(fr(site())).toContain("Support et assistance\nDemo Shop utilise des traceurs");
    expect(en(site(), selfHosted, { name: " ", contact: "" })).toContain("[Publisher name] uses trackers");
  });

  it("M3: everything typed or read is masked and never collected", () => {
    expect(en(site())).toContain("Everything you type or read on the pages is masked in your browser and never collected.");
    expect(en(site())).not.toMatch(/unmasked copy/);
    expect(fr(site())).toContain("n'est jamais collecté");
  });

  it("M1 and M2: an unmasked copy is kept, sealed, shown only after approval and validation / the custodian's acceptance", () => {
    const m1 = en(site({ maskingMode: "M1" }));
    expect(m1).toContain("An unmasked copy is also kept, sealed");
    expect(m1).toContain("only after you approve it by email and another member of Demo Shop's staff validates the request");
    expect(m1).not.toContain("never collected");
    const m2 = en(site({ maskingMode: "M2" }));
    expect(m2).toContain("sealed under the key of an independent custodian");
    expect(m2).toContain("the custodian accepts the agent's reason");
    expect(fr(site({ maskingMode: "M1" }))).toContain("Une copie non masquée est aussi conservée, scellée");
    expect(fr(site({ maskingMode: "M2" }))).toContain("dépositaire indépendant");
  });

  it("says what is shown unmasked when the site unmasks some elements", () => {
    expect(en(site({ unmasksElements: true }))).toContain("never collected, except page elements Demo Shop marked as not personal (such as product names)");
  });

  it("says when a visit is sent, from the triggers and the recording mode", () => {
    expect(en(site())).toContain("keeps only its last 5 minute(s); it is sent to Demo Shop only if you ask for help with the support form.");
    expect(en(site({ triggers: ["ticket", "manual", "error"] }))).toContain(
      "only if you ask for help with the support form, if the site reports a problem for you (for example with a “Report a problem” button) or if an error occurs on the page.",
    );
    expect(en(site({ recordingMode: "stream" }))).toContain("Your visit is sent to Demo Shop while you browse, and kept only if you ask for help with the support form; otherwise it is deleted 15 minutes after your visit ends.");
  });

  it("names the recipients: support staff, the operator as processor when hosted, the email service", () => {
    expect(en(site(), hosted)).toContain("Who receives it: Demo Shop's support staff (only the agent you approve sees your recording); Acme Hosting SAS, which runs the support tool for Demo Shop as its processor; the email service");
    expect(en(site(), selfHosted)).not.toContain("processor");
    expect(fr(site(), hosted)).toContain("Acme Hosting SAS, qui exploite l'outil de support pour Demo Shop en tant que sous-traitant");
  });

  it("states the retention, the rights with the contact, and a withdrawal as easy as giving", () => {
    const text = en(site({ retentionHours: 8, closeGraceMinutes: 30 }));
    expect(text).toContain("A recording is deleted 8 hours after your visit ends, or 30 minutes after your request is closed. Your consent choice is kept 183 days as proof");
    expect(text).toContain("You can ask Demo Shop for a copy of your data or its deletion, or object to its use");
    expect(text).toContain("or by writing to privacy@shop.example.");
    expect(text).toContain("You can withdraw your consent at any time, as easily as you gave it");
    expect(en(site(), selfHosted, { name: "Demo Shop", contact: "" })).toContain("by writing to [privacy contact: email or postal address].");
    expect(fr(site())).toContain("aussi facilement que vous l'avez donné");
  });

  it("is versioned: the version changes with the text and stays the same for the same text", () => {
    const v = (s: BannerSite, d = selfHosted, p = shop) => supportBannerText(p, s, d).en.version;
    expect(v(site())).toMatch(/^rd1-[0-9a-f]{8}-[0-9a-f]{4}$/);
    expect(v(site())).toBe(v(site()));
    const changes: [BannerSite, BannerDeployment][] = [
      [site({ retentionHours: 5 }), selfHosted],
      [site({ maskingMode: "M1" }), selfHosted],
      [site({ triggers: ["ticket", "error"] }), selfHosted],
      [site({ unmasksElements: true }), selfHosted],
      [site(), hosted],
      [site(), { hostedBy: null, consentRetentionDays: 90 }],
    ];
    const versions = changes.map(([s, d]) => v(s, d));
    expect(new Set([v(site()), ...versions]).size).toBe(changes.length + 1);
    // The publisher's name or contact changes the second part only: the compliance record compares the first.
    const renamed = v(site(), selfHosted, { name: "ACME", contact: "dpo@acme.example" });
    expect(renamed).not.toBe(v(site()));
    expect(bannerContentVersion(renamed)).toBe(bannerContentVersion(v(site())));
    expect(bannerContentVersion("2026-11")).toBeNull();
  });

  it("gives each language its own version, each following its own text", () => {
    const both = (s: BannerSite) => supportBannerText(shop, s, selfHosted);
    expect(both(site()).fr.version).toMatch(/^rd1-[0-9a-f]{8}-[0-9a-f]{4}$/);
    expect(bannerContentVersion(both(site()).fr.version)).not.toBe(bannerContentVersion(both(site()).en.version));
    expect(both(site({ retentionHours: 5 })).fr.version).not.toBe(both(site()).fr.version);
    expect(both(site()).fr.version).toBe(both(site()).fr.version);
  });
});

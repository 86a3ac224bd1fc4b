// Consent before anything is read or written on the device, and its proof (the "Proof of
// consent" box of the recommendation; privacy point 3).
import { day, measure, plural, type ComplianceFacts, type Measure } from "@/lib/compliance/measure";
import { BANNER_LANGUAGES, bannerContentVersion, supportBannerText, type Lang } from "@/lib/sites/banner-text";

// The versions of the banner text this site's live settings produce, one per language
// (lib/sites/banner-text.ts).
export function currentBannerVersions(f: ComplianceFacts): Record<Lang, string> {
  const { site, deployment } = f;
  const texts = supportBannerText(
    { name: site.name, contact: "" },
    { ...site, unmasksElements: site.unmaskSelectors.length > 0 },
    { hostedBy: deployment.hostedBy, consentRetentionDays: deployment.retentionDays.consent },
  );
  return { en: texts.en.version, fr: texts.fr.version };
}

export function consentMeasure(f: ComplianceFacts): Measure {
  const c = f.consents;
  const versions = currentBannerVersions(f);
  const current = `${versions.en} (English), ${versions.fr} (French)`;
  const latest = c.latestGrant;
  const latestContent = latest?.bannerVersion ? bannerContentVersion(latest.bannerVersion) : null;
  return measure("Consent", "Consent first, and its proof", {
    how: `Nothing is read, written or sent before consent. Every upload carries the session's own consent proof, which the server checks; a withdrawal ends the session's recording and every request to view it. Each record keeps the choice, the banner text's version and the session only as a keyed hash, for ${f.deployment.retentionDays.consent} days, exportable as CSV.`,
    evidence: [
      `Last ${f.periodDays} days: ${c.given} given and ${c.withdrawn} withdrawn by sessions that uploaded (evidence); ${plural(c.unverified.given + c.unverified.withdrawn, "record")} that no upload used (not evidence); ${plural(c.withoutVersion, "record")} of evidence without a banner version.`,
      latest
        ? `Latest consent used by an upload: ${day(latest.at)}, banner version ${latest.bannerVersion ?? "none"}. The banner text of this site's current settings is version ${current}.`
        : `No consent used by an upload in the last ${f.periodDays} days. The banner text of this site's current settings is version ${current}.`,
    ],
    shortfalls: [
      latest && !latest.bannerVersion && "The latest consent an upload used names no banner version: the proof does not say what the visitor was told. Send the version shown with the banner text as bannerVersion.",
      latestContent !== null &&
        !BANNER_LANGUAGES.some((lang) => bannerContentVersion(versions[lang]) === latestContent) &&
        `The latest consent (${day(latest!.at)}) was given to banner text ${latest!.bannerVersion}, which no longer describes this site's settings (now ${current}): visitors are told something the site no longer does. Update the banner text and its version.`,
    ],
  });
}

// I2/I3 (pseudonymous user identifiers, limited to a domain) and I1 (random session identifiers).
import { day, measure, plural, type ComplianceFacts, type Measure } from "@/lib/compliance/measure";
import { SESSION_INACTIVITY_MINUTES } from "@/lib/replay/protocol";

// The domain a visitor's browser sees (shop.example.co.uk -> example.co.uk), approximated without
// the Public Suffix List: the last two labels, or three when the second-level label is a short
// one under a country code (co.uk, com.au, gouv.fr). Good enough to tell a site spanning several
// domains; an approximation says "several" at worst for unusual suffixes, never "one" wrongly for
// two plainly different domains.
export function siteDomain(origin: string): string {
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return origin;
  }
  if (/^[\d.]+$/.test(host) || host.startsWith("[") || !host.includes(".")) return host;
  const labels = host.split(".");
  const [second, tld] = labels.slice(-2) as [string, string];
  const take = tld.length === 2 && second.length <= 4 && labels.length >= 3 ? 3 : 2;
  return labels.slice(-take).join(".");
}

export function identifierMeasure(f: ComplianceFacts): Measure {
  const { site, recordings: r } = f;
  const domains = [...new Set(site.allowedOrigins.map(siteDomain))].sort();
  const signing = site.pseudonymSecretAt !== null;
  return measure("I2/I3", "Pseudonymous user identifier, limited to the site", {
    how: signing
      ? `I2: the publisher's backend signs each user's pseudonym with the site's signing secret (generated ${day(site.pseudonymSecretAt!)}); a verified pseudonym is re-keyed for this site (key version ${site.pseudonymKeyVersion}) and links that person's recordings within this site only. Any other user reference is hashed with the session id and links nothing. I3: pseudonym keys are per site, and session ids live in one origin's tab storage.`
      : `No pseudonym signing secret: every user reference is hashed with the session id, so no two recordings are linked (I2 is not used; I3 holds: nothing can be matched across sessions or sites; key version ${site.pseudonymKeyVersion}).`,
    evidence: [
      `Recordings held now: ${r.verifiedPseudonym} with a verified pseudonym, ${r.perSessionPseudonym} with a per-session one, ${r.held - r.verifiedPseudonym - r.perSessionPseudonym} without a user reference.`,
      `Allowed origins on ${plural(domains.length, "domain")}: ${domains.join(", ") || "none"}.`,
    ],
    shortfalls: [
      signing &&
        domains.length > 1 &&
        `Verified pseudonyms link one person's visits across the site's ${domains.length} domains (${domains.join(", ")}); I3 limits the identifier to one domain. Use one site per domain.`,
    ],
  });
}

export function i1Measure(f: ComplianceFacts): Measure {
  return measure("I1", "Random, short-lived session identifiers", {
    how: `Session ids are 128 random bits kept in the browser tab only, renewed after ${SESSION_INACTIVITY_MINUTES} minutes of inactivity and after ${f.site.maxSessionMinutes} minutes at most; consent records keep them only as a keyed hash.`,
    required: false,
  });
}

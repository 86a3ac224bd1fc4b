// Sensitive pages and the page paths shown (privacy point 7, audit R38): where nothing is recorded
// at all, and what of a page's address agents, customers and emails see.
import { measure, type ComplianceFacts, type Measure } from "@/lib/compliance/measure";
import { ANY_SEGMENT, MASKED_SEGMENT } from "@/lib/replay/page-path";
import { DEFAULT_SENSITIVE_PAGES } from "@/lib/sites/schemas";

export function sensitivePageSettingShortfalls(s: { sensitivePages: readonly string[] }): string[] {
  return s.sensitivePages.length > 0
    ? []
    : [`No sensitive page is listed: account, health or payment areas are recorded like any other page (masked). List their path patterns (new sites start with ${DEFAULT_SENSITIVE_PAGES.join(" and ")}).`];
}

export function pathSettingShortfalls(s: { pathSegmentAllowList: readonly string[] }): string[] {
  return s.pathSegmentAllowList.includes(ANY_SEGMENT)
    ? [`The path segments shown include ${ANY_SEGMENT}: every segment that does not look like an identifier is shown as written, including names or search terms a site puts in its paths (/profile/jane-doe, /search/back-pain). List the segments the site's paths use instead.`]
    : [];
}

export function sensitivePagesMeasure(f: ComplianceFacts): Measure {
  const patterns = f.site.sensitivePages;
  return measure("Sensitive pages", "Nothing recorded on sensitive pages", {
    how: "On a page whose path matches one of the site's sensitive-page patterns the recorder records and keeps nothing (it stops at the first event after a navigation there and starts again from a full snapshot once the page is left) and offers no recording to a support request made there; ingest keeps nothing of an upload claiming such a page.",
    evidence: [patterns.length > 0 ? `Patterns in force: ${patterns.join(", ")}.` : "No pattern in force: every page of the site can be recorded."],
    shortfalls: sensitivePageSettingShortfalls(f.site),
  });
}

export function pagePathsMeasure(f: ComplianceFacts): Measure {
  const allowed = f.site.pathSegmentAllowList;
  const listed = allowed.filter((s) => s !== ANY_SEGMENT);
  return measure("Page paths", "Page addresses shown with identifiers masked", {
    how: `Page paths are stored, shown to agents and customers, written in approval emails and kept in replays' links without query string or fragment. A segment is shown only if the site lists it and it does not look like an identifier (an e-mail, 4 digits in a row, 12 hex characters in a row, a long token); any other becomes ${MASKED_SEGMENT}. Only pages on the site's allowed origins are listed.`,
    evidence: [
      allowed.includes(ANY_SEGMENT)
        ? "Segments shown as written: every one that does not look like an identifier (*)."
        : listed.length > 0
          ? `Segments shown as written (unless they look like an identifier): ${listed.join(", ")}.`
          : `No segment listed: every path segment is shown as ${MASKED_SEGMENT}.`,
    ],
    shortfalls: pathSettingShortfalls(f.site),
  });
}

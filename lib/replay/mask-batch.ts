// The masking steps of an upload, one module for both ends: the recorder runs maskAndScrub on each
// event before anything leaves the browser, and ingest runs maskBatch on whatever an SDK sent (an
// old or tampered SDK cannot get more stored than the current rules allow).
import { createMasker, ERROR_EVENT_TAG, type Masker, type MaskingRules, type MaskState, type ReplayEvent } from "./masking";
import { isSensitivePage, recordedPage } from "./page-path";
import { scrubSecrets } from "./scrub";

// M0 masking, then S1 by value (card numbers and IBANs wherever they are, even in unmasked
// content). null: the event must be dropped.
export function maskAndScrub(masker: Pick<Masker, "mask">, event: ReplayEvent): { event: ReplayEvent; scrubbed: number } | null {
  const masked = masker.mask(event);
  // The masker's output is a fresh object of its own: scrubbed in place.
  return masked && scrubSecrets(masked, true);
}

export type SiteMasking = { rules: MaskingRules; sensitivePages: string[]; allowedOrigins: string[] };
// The masked events as the JSON text that is stored (and crosses thread boundaries as one string),
// with what the session row needs to know of them.
export type MaskedBatch = { json: string; eventCount: number; errors: number; scrubbed: number; page: string | null; state: MaskState };

type Batch = { events: ReplayEvent[]; page: { url: string } };

// Whether a batch claims one of the site's sensitive pages, as its own page or as a page its events
// start on: an honest SDK records nothing there, so ingest keeps nothing of such a batch.
export function claimsSensitivePage(sensitivePages: string[], batch: Batch): boolean {
  const metas = batch.events.filter((e) => e.type === 4).map((e) => (e.data as { href?: unknown } | null)?.href);
  return [batch.page.url, ...metas].some((url) => typeof url === "string" && isSensitivePage(url, sensitivePages));
}

// Masking holds the event loop in slices of at most this long (one event is never cut).
const SLICE_MS = 20;

// What ingest stores of a batch: its events masked and scrubbed, the page to list (origin and
// masked path, only on the site's own origins), and the masking state for the next batch.
export async function maskBatch(site: SiteMasking, batch: Batch, saved?: MaskState): Promise<MaskedBatch> {
  const masker = createMasker(site.rules, saved);
  const events: ReplayEvent[] = [];
  let scrubbed = 0;
  let slice = Date.now();
  for (const raw of batch.events) {
    if (Date.now() - slice > SLICE_MS) {
      // Other requests get their turn between events.
      await new Promise((resolve) => setTimeout(resolve, 0));
      slice = Date.now();
    }
    const kept = maskAndScrub(masker, raw);
    if (!kept) continue;
    scrubbed += kept.scrubbed;
    events.push(kept.event);
  }
  const errors = events.filter((e) => e.type === 5 && (e.data as { tag?: unknown } | null)?.tag === ERROR_EVENT_TAG).length;
  const page = recordedPage(batch.page.url, site.allowedOrigins, site.rules.pathSegmentAllowList ?? []);
  return { json: JSON.stringify(events), eventCount: events.length, errors, scrubbed, page, state: masker.state() };
}

// Figure 7 (security review H4): what hostile strings cost. In-process, in the bench's child
// process (bench/child.ts) against a fresh database:
// - an 8 MB adversarial value (near-misses of IBANs and card numbers, valid ones by the thousand,
//   digit runs): the scrubber on the whole value, and masking + scrubbing an upload that carries it
//   in an attribute, a style sheet and a text (the masker caps each string first);
// - the longest time one upload holds the event loop: the largest upload the API accepts (8 MB of
//   event JSON, under 1 MB of gzip) made of adversarial strings, through the whole ingest pipeline
//   (bounded read and gunzip, zod, site check, masking, scrubbing, compression, encryption,
//   storage), while a ticker measures the gaps between its turns.
// The tests check that these costs grow linearly (tests/unit/replay/*.test.ts); this reports them.
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { env } from "@/lib/config/env";
import { readSdkBody } from "@/lib/ingest/decode-body";
import { ingestBatch } from "@/lib/ingest/ingest-batch";
import { recordConsent } from "@/lib/ingest/record-consent";
import { ZIngestBatch } from "@/lib/ingest/schemas";
import { requireSiteForOrigin } from "@/lib/ingest/site-request";
import { maskBatch } from "@/lib/replay/mask-batch";
import type { ReplayEvent } from "@/lib/replay/masking";
import { type IngestBatch, MAX_BATCH_BYTES_COMPRESSED, MAX_BATCH_BYTES_DECOMPRESSED } from "@/lib/replay/protocol";
import { scrubText } from "@/lib/replay/scrub";
import { newSessionId } from "../lib/rrweb-session";
import { summarize, type Summary } from "../lib/stats";

export type AdversarialInput = { siteKey: string; runs: number; shapes: number };

export type AdversarialResult = {
  valueBytes: number;
  // Per shape: the scrubber on the whole 8 MB value, and masking + scrubbing an upload carrying it.
  shapes: { shape: string; scrubMs: Summary; maskMs: Summary }[];
  upload: { jsonBytes: number; gzipBytes: number; events: number; longestHoldMs: Summary; totalMs: Summary };
};

const MB = 1024 * 1024;
const SHAPES: [string, string][] = [
  ["IBAN starts", "AB12 "],
  ["one-digit groups", "1 "],
  ["valid cards", "4111 1111 1111 1111 "],
  ["valid IBANs", "FR76 3000 6000 0112 3456 7890 189 "],
  ["IBAN starts and digits", "AB12 1 "],
];
const sized = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

const E = (id: number, tagName: string, attributes: Record<string, unknown>, childNodes: unknown[] = []) => ({ type: 2, id, tagName, attributes, childNodes });
function snapshot(body: unknown[]): ReplayEvent {
  return { type: 2, timestamp: Date.now(), data: { node: { type: 0, id: 1, childNodes: [E(2, "html", {}, [E(3, "body", { "data-replay-unmask": "" }, body)])] }, initialOffset: { top: 0, left: 0 } } };
}

const timed = async (fn: () => unknown) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

// The longest gap between two turns of a ticker that asks for a turn as soon as it gets one, while
// `work` runs: how long the work held the event loop at a stretch.
async function longestHold(work: () => Promise<unknown>): Promise<{ holdMs: number; totalMs: number }> {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const totalMs = await timed(work);
  // The turn the ticker gets once the work is done measures the work's last stretch.
  await new Promise((resolve) => setImmediate(resolve));
  running = false;
  return { holdMs: longest, totalMs };
}

export async function measureAdversarial(input: AdversarialInput): Promise<AdversarialResult> {
  const origin = new URL(env().APP_URL).origin;
  const site = await requireSiteForOrigin(input.siteKey, origin);
  const masking = { rules: { maskSelectors: [], unmaskSelectors: [], blockSelectors: [] }, sensitivePages: [], allowedOrigins: [origin] };
  const shapes: AdversarialResult["shapes"] = [];
  for (const [shape, unit] of SHAPES.slice(0, input.shapes)) {
    const value = sized(unit, 8 * MB);
    const event = snapshot([E(10, "div", { class: value, style: `color:red;${value}` }, [E(11, "style", {}, [{ type: 3, id: 12, textContent: value }]), { type: 3, id: 13, textContent: value }])]);
    const scrubMs: number[] = [];
    const maskMs: number[] = [];
    scrubText(value.slice(0, MB)); // warm-up
    for (let r = 0; r < input.runs; r++) {
      scrubMs.push(await timed(() => scrubText(value)));
      maskMs.push(await timed(() => maskBatch(masking, { events: [event], page: { url: `${origin}/` } })));
    }
    shapes.push({ shape, scrubMs: summarize(scrubMs), maskMs: summarize(maskMs) });
  }

  // The largest upload: a snapshot of 4 KB adversarial values (all shapes in turn) filling 8 MB of
  // JSON; one new session per run so that each upload is a first one. Each session's consent is
  // recorded first, as the SDK's consent call does (not timed).
  const value = (i: number) => sized(SHAPES[i % SHAPES.length]![1], 4096);
  const holds: number[] = [];
  const totals: number[] = [];
  let upload = { jsonBytes: 0, gzipBytes: 0, events: 0 };
  for (let r = 0; r < input.runs; r++) {
    const sessionId = newSessionId();
    const { proofId: consent } = await recordConsent(site, { sessionId, granted: true });
    const nodes: unknown[] = [];
    let batch = "";
    for (let i = 0; ; i++) {
      nodes.push(E(100 + 2 * i, "div", { class: value(i), "x-data": value(i + 1) }, [{ type: 3, id: 101 + 2 * i, textContent: value(i + 2) }]));
      if (i % 64 !== 63) continue;
      const next = JSON.stringify({ v: 1, siteKey: input.siteKey, sessionId, consent, seq: 0, events: [snapshot(nodes)], page: { url: `${origin}/` }, trigger: { reason: "bench", kind: "ticket" } } satisfies IngestBatch);
      if (next.length > MAX_BATCH_BYTES_DECOMPRESSED - 64 * 3 * 4200) {
        batch = next;
        break;
      }
    }
    const body = gzipSync(batch);
    upload = { jsonBytes: batch.length, gzipBytes: body.length, events: 1 };
    const { holdMs, totalMs } = await longestHold(async () => {
      const req = new Request(`${origin}/api/v1/ingest`, { method: "POST", body, headers: { "content-type": "text/plain", origin } });
      const parsed = ZIngestBatch.parse(await readSdkBody(req, MAX_BATCH_BYTES_COMPRESSED, MAX_BATCH_BYTES_DECOMPRESSED));
      await ingestBatch(site, parsed, { userAgent: "bench" });
    });
    holds.push(holdMs);
    totals.push(totalMs);
  }
  return { valueBytes: 8 * MB, shapes, upload: { ...upload, longestHoldMs: summarize(holds), totalMs: summarize(totals) } };
}

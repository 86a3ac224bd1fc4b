import { batch, markerEvents, newSessionId } from "../support/events";
import { consentProof } from "../support/http";
import type { Context } from "./context";
import { newLedger, verifyLedger, visitor } from "./stream";

// Issue 8, part 2: many visitors streaming at once for a bounded time, one abusive client flooding
// the ingest endpoint meanwhile. Every acknowledged chunk stored once and in order; the abuser is
// rate limited, nobody else is; the server's memory is sampled throughout.

const MB = 1024 * 1024;
const QUIET_BEFORE_END_FIGURE_MS = 2000;

export async function soak(ctx: Context): Promise<void> {
  const visitors = ctx.full ? 100 : 12;
  const seconds = ctx.full ? 180 : 12;
  const abuseCap = ctx.full ? 20_000 : 1500;
  const ledger = newLedger();
  const rss: number[] = [ctx.server.rssBytes()];
  const sampler = setInterval(() => rss.push(ctx.server.rssBytes()), 1000);
  // Node grows its heap to a plateau first; "flat" is judged from this point on.
  let warm = 0;
  const warmup = setTimeout(() => (warm = ctx.server.rssBytes()), seconds * 250);
  const started = Date.now();
  const softEnd = started + seconds * 1000;
  const hardEnd = started + (seconds + 60) * 1000;

  // The abuser: one address, eight uploads at a time (a retry storm: the same batches over and
  // over), from the start until the others are done (at most abuseCap). The others go on at least
  // 3 s past the abuser's first refusal, so that they are seen being served while it is refused.
  const abuser = ctx.newClient();
  const abuse = { sent: 0, accepted: 0, limited: 0, other: 0, firstLimitedAfterSeconds: 0 };
  let firstLimitedAt = 0;
  let othersDone = false;
  const stop = () => Date.now() >= softEnd && firstLimitedAt > 0 && Date.now() >= firstLimitedAt + 3000;
  const flood = Promise.all(
    Array.from({ length: 8 }, async () => {
      const sessionId = newSessionId();
      const consent = await consentProof(abuser, ctx.siteKey, sessionId);
      const body = JSON.stringify(batch(ctx.siteKey, sessionId, 0, markerEvents(9999, 0, 1, Date.now()), { consent }));
      while (abuse.sent < abuseCap && !othersDone && Date.now() < hardEnd) {
        abuse.sent += 1;
        const res = await abuser.post("/api/v1/ingest", { headers: { "content-type": "text/plain" }, body }).catch(() => null);
        if (res?.status === 201 || res?.status === 200) abuse.accepted += 1;
        else if (res?.status === 429) {
          abuse.limited += 1;
          firstLimitedAt ||= Date.now();
        } else abuse.other += 1;
      }
    }),
  );

  const clients = Array.from({ length: visitors }, () => ctx.newClient());
  await Promise.all(clients.map((c, i) => visitor(ctx, c, i + 1, ledger, { batches: ctx.full ? 30 : 6, intervalMs: ctx.full ? 900 : 300, until: hardEnd, stop })));
  othersDone = true;
  await flood;
  abuse.firstLimitedAfterSeconds = firstLimitedAt ? Math.round((firstLimitedAt - started) / 1000) : 0;
  const elapsed = (Date.now() - started) / 1000;
  clearInterval(sampler);
  clearTimeout(warmup);
  // The end figure is defined as the memory after a quiet period with every request answered
  // (above): what stays, not what is in flight or not yet collected. The pause is part of the
  // measurement, not a wait for an event.
  await new Promise((r) => setTimeout(r, QUIET_BEFORE_END_FIGURE_MS));
  rss.push(ctx.server.rssBytes());
  for (const c of [...clients, abuser]) c.close();

  const requests = Object.values(ledger.status).reduce((a, b) => a + b, 0);
  ctx.check("soak: no visitor was rate limited or got a 5xx", !ledger.status[429] && !Object.keys(ledger.status).some((s) => Number(s) >= 500), JSON.stringify(ledger.status));
  ctx.check("soak: the abusive client was rate limited", abuse.limited > 0 && abuse.accepted <= 600 * Math.ceil(elapsed / 60) + 600, JSON.stringify(abuse));
  ctx.check("soak: the others were served while it was refused", firstLimitedAt > 0 && ledger.lastAckAt > firstLimitedAt);
  ctx.check("soak: no 5xx for the abusive client either", abuse.other === 0, JSON.stringify(abuse));
  const stored = await verifyLedger(ctx, ledger, "soak");
  const [start, end, peak] = [rss[0]!, rss.at(-1)!, Math.max(...rss)];
  warm ||= start;
  const mb = (b: number) => `${(b / MB).toFixed(0)} MB`;
  ctx.check(`soak: memory stays flat (RSS ${mb(start)} at start, ${mb(warm)} after warm-up, ${mb(end)} at the end, peak ${mb(peak)})`, end < warm + 150 * MB && end < start + 400 * MB);
  ctx.record("soak", {
    visitors,
    seconds: Math.round(elapsed),
    ingestRequests: requests,
    requestsPerSecond: Math.round(requests / elapsed),
    statuses: ledger.status,
    duplicatesAnswered: ledger.duplicatesAnswered,
    ...stored,
    abusive: abuse,
    rssStartMB: Math.round(start / MB),
    rssAfterWarmupMB: Math.round(warm / MB),
    rssPeakMB: Math.round(peak / MB),
    rssEndMB: Math.round(end / MB),
  });
}

import { batch, formPage, markerEvents, newSessionId } from "../support/events";
import { consentProof, type Client } from "../support/http";
import { markersOf, type Context } from "./context";

// Visitors streaming recordings the way the SDK does (a batch every so often, retried until
// acknowledged), each from its own loopback address. The ledger says which (session, seq) the
// server acknowledged with a 2xx: those must all be stored, once, in order, whatever happens to
// the server meanwhile.

export const MARKERS_PER_BATCH = 4;

export type Ledger = {
  sessions: Map<string, { visitor: number; acked: Set<number> }>;
  status: Record<string, number>;
  duplicatesAnswered: number;
  connectionErrors: number;
  lastAckAt: number;
  // When each visitor last had a batch acknowledged.
  lastAckBy: Map<number, number>;
};

export function newLedger(): Ledger {
  return { sessions: new Map(), status: {}, duplicatesAnswered: 0, connectionErrors: 0, lastAckAt: 0, lastAckBy: new Map() };
}

// The SDK's own timing, simulated: a visitor's pace between batches and the recorder's retry
// delay. Not a wait for something to happen.
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

type StreamOptions = { batches: number; intervalMs: number; until: number; stop?: () => boolean };

// One visitor: sessions one after another until `until`, each of up to `batches` batches. Now and
// then a batch is sent twice (a retry whose first answer was lost) or two go out of order.
export async function visitor(ctx: Context, client: Client, index: number, ledger: Ledger, opts: StreamOptions): Promise<void> {
  while (Date.now() < opts.until && !opts.stop?.()) {
    const sessionId = newSessionId();
    // Consent first, as the recorder does; asked again while the server is down.
    const consent = await untilAnswered(() => consentProof(client, ctx.siteKey, sessionId), opts);
    if (!consent) continue;
    const entry = { visitor: index, acked: new Set<number>() };
    ledger.sessions.set(sessionId, entry);
    const t0 = Date.now();
    for (let seq = 0; seq < opts.batches && Date.now() < opts.until && !opts.stop?.(); seq++) {
      const events = [...(seq === 0 ? formPage(t0) : []), ...markerEvents(index, seq, MARKERS_PER_BATCH, t0 + seq * 100 + 10)];
      const body = JSON.stringify(batch(ctx.siteKey, sessionId, seq, events, { consent, ...(seq === opts.batches - 1 ? { ended: true } : {}) }));
      if (seq > 0 && seq + 1 < opts.batches - 1 && Math.random() < 0.1) {
        // The next batch first, then this one: out of order on the wire.
        const next = JSON.stringify(batch(ctx.siteKey, sessionId, seq + 1, markerEvents(index, seq + 1, MARKERS_PER_BATCH, t0 + (seq + 1) * 100 + 10), { consent }));
        await Promise.all([send(client, next, seq + 1, entry, ledger, opts), send(client, body, seq, entry, ledger, opts)]);
        seq += 1;
        continue;
      }
      await send(client, body, seq, entry, ledger, opts);
      if (entry.acked.has(seq) && Math.random() < 0.1) await send(client, body, seq, entry, ledger, opts);
      await pause(opts.intervalMs * (0.5 + Math.random()));
    }
  }
}

async function untilAnswered<T>(call: () => Promise<T | null>, opts: StreamOptions): Promise<T | null> {
  while (Date.now() < opts.until && !opts.stop?.()) {
    const answer = await call();
    if (answer !== null) return answer;
    await pause(250);
  }
  return null;
}

// Retried until acknowledged or out of time; a connection refused (server down) waits a little.
async function send(client: Client, body: string, seq: number, entry: { visitor: number; acked: Set<number> }, ledger: Ledger, opts: StreamOptions) {
  while (Date.now() < opts.until + 30_000) {
    try {
      const res = await client.post("/api/v1/ingest", { headers: { "content-type": "text/plain" }, body, timeoutMs: 20_000 });
      ledger.status[res.status] = (ledger.status[res.status] ?? 0) + 1;
      if (res.status === 201 || res.status === 200) {
        if (res.status === 200 || entry.acked.has(seq)) ledger.duplicatesAnswered += 1;
        entry.acked.add(seq);
        ledger.lastAckAt = Date.now();
        ledger.lastAckBy.set(entry.visitor, ledger.lastAckAt);
        return;
      }
      if (res.status !== 429) return;
    } catch {
      ledger.connectionErrors += 1;
    }
    await pause(250);
  }
}

// Every acknowledged seq is stored exactly once and decrypts to what was sent, in order; the
// session's counters agree with its rows. Unacknowledged seqs found stored (in flight when the
// server died) are counted, not failed: the server did its part, only the answer was lost.
export async function verifyLedger(ctx: Context, ledger: Ledger, label: string) {
  let acked = 0;
  let stored = 0;
  let lost = 0;
  let storedUnacked = 0;
  let corrupt = 0;
  let disordered = 0;
  let inconsistent = 0;
  for (const [sessionId, entry] of ledger.sessions) {
    acked += entry.acked.size;
    const s = await ctx.storedChunks(sessionId);
    if (!s) {
      lost += entry.acked.size;
      continue;
    }
    if (s.rows !== s.chunkCount || s.payloadBytes !== s.storedBytes) inconsistent += 1;
    const seqs = s.chunks.map((c) => c.seq);
    stored += seqs.length;
    if (new Set(seqs).size !== seqs.length) inconsistent += 1;
    for (const seq of entry.acked) if (!seqs.includes(seq)) lost += 1;
    storedUnacked += seqs.filter((q) => !entry.acked.has(q)).length;
    let last = -1;
    for (const c of s.chunks) {
      if (!c.events) {
        corrupt += 1;
        continue;
      }
      for (const [client, y] of markersOf(c.events)) {
        if (client !== entry.visitor || Math.floor(y / 1000) !== c.seq || y <= last) disordered += 1;
        last = y;
      }
    }
  }
  ctx.check(`${label}: every acknowledged chunk is stored (${acked} acknowledged)`, lost === 0, `${lost} lost`);
  ctx.check(`${label}: each stored once, counters consistent`, inconsistent === 0, `${inconsistent} sessions inconsistent`);
  ctx.check(`${label}: every stored chunk decrypts`, corrupt === 0, `${corrupt} corrupt`);
  ctx.check(`${label}: events replay in the order sent`, disordered === 0, `${disordered} out of place`);
  return { sessions: ledger.sessions.size, chunksAcknowledged: acked, chunksStored: stored, storedButUnacknowledged: storedUnacked, lost, corrupt, disordered };
}

// Figure 3a: ingest throughput end to end. Many visitors' SDKs upload at once to
// POST /api/v1/ingest on the running app (loopback only): each virtual visitor sends its session's
// batches one after the other, as the SDK does, and a new visitor takes over when a session ends.
// Bounded by time and by request count. Bodies are generated before the clock starts.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { generateSession, ingestBody, newSessionId } from "../lib/rrweb-session";
import { consentProof } from "../lib/app-client";
import { quantile, summarize, type Summary } from "../lib/stats";

export type IngestLoadInput = {
  appUrl: string;
  siteKey: string;
  concurrency: number;
  seconds: number;
  maxRequests: number;
  rounds: number;
  // A round with one visitor at a time (0: none), to show how concurrency changes the figures.
  singleVisitorSeconds: number;
  // CPU seconds used so far by the app's processes (for the per-core figure).
  appCpuSeconds: () => number;
};

export type IngestLoadRound = { requests: number; ok: number; errors: number; seconds: number; chunksPerSecond: number; jsonMBps: number; p50Ms: number; p99Ms: number; appCpuSeconds: number; jsonMBPerCpuSecond: number };
export type IngestLoadResult = {
  concurrency: number;
  batchesPerSession: number;
  meanBatchJsonBytes: number;
  meanBatchGzipBytes: number;
  rounds: IngestLoadRound[];
  chunksPerSecond: Summary;
  jsonMBps: Summary;
  jsonMBPerCpuSecond: Summary;
  p50Ms: Summary;
  p99Ms: Summary;
  errors: number;
  errorSamples: string[];
  singleVisitor?: IngestLoadRound;
};

// One minute of recording per visitor: a full snapshot, then 5-second windows.
const BATCHES_PER_SESSION = 12;
const TEMPLATES = 8;

type Body = { body: Buffer; jsonBytes: number };

// Each session's consent is given beforehand (not measured), from the address its visitor will
// upload from, as the SDK does before its first upload.
async function makePool(appUrl: string, siteKey: string, pageUrl: string, requests: number, seed: number): Promise<Body[][]> {
  const templates = Array.from({ length: TEMPLATES }, (_, i) => generateSession({ seed: seed + i, minutes: 1, endTs: Date.now(), url: pageUrl }));
  const pool: Body[][] = [];
  for (let s = 0; s < Math.ceil(requests / BATCHES_PER_SESSION); s++) {
    const sessionId = newSessionId();
    const consent = await consentProof({ appUrl, siteKey, sessionId, clientAddress: visitorAddress(s) });
    pool.push(templates[s % TEMPLATES]!.map((events, seq) => ingestBody({ siteKey, sessionId, consent, seq, events, url: pageUrl })));
  }
  return pool;
}

// Each virtual visitor connects from its own loopback address (all of 127.0.0.0/8 is this
// machine), as distinct visitors do: the app rate-limits per client address, and Next.js takes
// that address from the socket.
function visitorAddress(index: number): string {
  return `127.${1 + ((index >> 16) & 127)}.${(index >> 8) & 255}.${index & 255}`;
}

function post(agent: http.Agent, url: URL, body: Buffer, origin: string, localAddress: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method: "POST", agent, localAddress, headers: { "content-type": "text/plain", "content-length": body.length, origin } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", (err) => resolve({ status: 0, text: err.message }));
    req.end(body);
  });
}

async function drive(input: IngestLoadInput, pool: Body[][], seconds: number, errorSamples: string[]): Promise<Omit<IngestLoadRound, "appCpuSeconds" | "jsonMBPerCpuSecond">> {
  const origin = new URL(input.appUrl).origin;
  // To 127.0.0.1, not "localhost" (which may resolve to ::1): the visitors' source addresses are IPv4.
  const url = new URL("/api/v1/ingest", input.appUrl);
  url.hostname = "127.0.0.1";
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.concurrency });
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let errors = 0;
  let jsonBytes = 0;
  let requests = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline && requests < input.maxRequests) {
      const index = next++;
      const session = pool[index];
      if (!session) return;
      const visitor = visitorAddress(index);
      for (const b of session) {
        if (performance.now() >= deadline || requests >= input.maxRequests) return;
        requests += 1;
        const t = performance.now();
        const res = await post(agent, url, b.body, origin, visitor);
        latencies.push(performance.now() - t);
        if (res.status >= 200 && res.status < 300) {
          ok += 1;
          jsonBytes += b.jsonBytes;
        } else {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push(`${res.status} ${res.text.slice(0, 200)}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests, ok, errors, seconds: elapsed, chunksPerSecond: ok / elapsed, jsonMBps: jsonBytes / 1e6 / elapsed, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) };
}

export async function measureIngestLoad(input: IngestLoadInput): Promise<IngestLoadResult> {
  const pageUrl = `${new URL(input.appUrl).origin}/demo/shop`;
  const errorSamples: string[] = [];
  // Warm-up (route compilation, connection pool, caches), not counted.
  await drive({ ...input, maxRequests: 100 }, await makePool(input.appUrl, input.siteKey, pageUrl, 100, 1), 2, errorSamples);
  const measure = async (load: IngestLoadInput, seconds: number, seed: number): Promise<IngestLoadRound> => {
    const pool = await makePool(load.appUrl, load.siteKey, pageUrl, load.maxRequests, seed);
    const cpuBefore = load.appCpuSeconds();
    const r = await drive(load, pool, seconds, errorSamples);
    const cpu = load.appCpuSeconds() - cpuBefore;
    return { ...r, appCpuSeconds: cpu, jsonMBPerCpuSecond: (r.jsonMBps * r.seconds) / cpu };
  };
  const rounds: IngestLoadRound[] = [];
  for (let round = 0; round < input.rounds; round++) rounds.push(await measure(input, input.seconds, 100 + round * TEMPLATES));
  const singleVisitor = input.singleVisitorSeconds > 0 ? await measure({ ...input, concurrency: 1 }, input.singleVisitorSeconds, 50) : undefined;
  const sizes = (await makePool(input.appUrl, input.siteKey, pageUrl, BATCHES_PER_SESSION * TEMPLATES, 100))
    .flat()
    .reduce((s, b) => ({ json: s.json + b.jsonBytes, gzip: s.gzip + b.body.length, n: s.n + 1 }), { json: 0, gzip: 0, n: 0 });
  return {
    concurrency: input.concurrency,
    batchesPerSession: BATCHES_PER_SESSION,
    meanBatchJsonBytes: sizes.json / sizes.n,
    meanBatchGzipBytes: sizes.gzip / sizes.n,
    rounds,
    chunksPerSecond: summarize(rounds.map((r) => r.chunksPerSecond)),
    jsonMBps: summarize(rounds.map((r) => r.jsonMBps)),
    jsonMBPerCpuSecond: summarize(rounds.map((r) => r.jsonMBPerCpuSecond)),
    p50Ms: summarize(rounds.map((r) => r.p50Ms)),
    p99Ms: summarize(rounds.map((r) => r.p99Ms)),
    errors: rounds.reduce((n, r) => n + r.errors, 0) + (singleVisitor?.errors ?? 0),
    errorSamples,
    singleVisitor,
  };
}

import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as ingest } from "@/app/api/v1/ingest/route";
import { db } from "@/lib/db/client";
import { createSite } from "@/lib/sites/create-site";
import { MAX_BATCH_BYTES_DECOMPRESSED } from "@/lib/replay/protocol";
import { batch, formPage, LEAK_NEEDLES, markerEvents, newSessionId } from "./support/events";
import { scanDatabase } from "./support/leak-scan";
import { giveConsent } from "@/tests/support/sdk-calls";

// Issue 8, part 1: whatever arrives at the ingest endpoint gets a clear 4xx (never a 500),
// leaves nothing half-written (rows counted before and after), and the next honest upload still
// works. Hand-written attacks, then property-based ones (fast-check). ADVERSARIAL_FULL=1 runs many
// more generated cases.

const FULL = process.env.ADVERSARIAL_FULL === "1";
const RUNS = FULL ? 5000 : 150;
const ORIGIN = "https://fuzz-shop.example";
const by = { id: null, label: "adversarial" };
let site: { id: string; publicKey: string };
let figures = { requests: 0, status: {} as Record<number, number> };
// Sessions with consent given (ingest refuses any other), taken one per honest-looking upload.
type Session = { sessionId: string; proofId: string };
let sessions: Session[] = [];
const consented = () => {
  const next = sessions.pop();
  if (!next) throw new Error("out of consented sessions: raise the pool size");
  return next;
};
// A first batch of a fresh consented session.
const firstOf = (events: unknown[], extra: Record<string, unknown> = {}) => {
  const s = consented();
  return batch(site.publicKey, s.sessionId, 0, events, { consent: s.proofId, ...extra });
};

// Each request from its own client address: the per-client rate limit is not what is under test.
const clientAddress = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}, 10.${randomBytes(3).join(".")}`;

async function send(body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  const res = await ingest(
    new Request("http://localhost/api/v1/ingest", { method: "POST", headers: { origin: ORIGIN, "content-type": "text/plain", "x-forwarded-for": clientAddress(), ...headers }, body }),
  );
  figures.requests += 1;
  figures.status[res.status] = (figures.status[res.status] ?? 0) + 1;
  return res;
}

async function counts() {
  const [sessions, chunks] = await Promise.all([db().recording.count(), db().eventChunk.count()]);
  return { sessions, chunks };
}

// A refusal: a 4xx with the error shape of the API, and no row added anywhere.
async function expectRefused(res: Response, before: Awaited<ReturnType<typeof counts>>, status?: number) {
  expect(res.status, "never a 5xx").toBeLessThan(500);
  expect(res.status).toBeGreaterThanOrEqual(400);
  if (status) expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(typeof body.error.code).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(await counts()).toEqual(before);
}

// The stored counters of every session agree with its chunk rows: nothing half-written.
async function expectConsistent() {
  const sessions = await db().recording.findMany({ where: { siteId: site.id }, select: { id: true, chunkCount: true, storedBytes: true, chunks: { select: { payload: true } } } });
  for (const s of sessions) {
    expect(s.chunks.length, "chunkCount matches the rows").toBe(s.chunkCount);
    expect(s.chunks.reduce((n, c) => n + c.payload.length, 0), "storedBytes matches the rows").toBe(s.storedBytes);
  }
}

async function expectStillServing() {
  const res = await send(JSON.stringify(firstOf(markerEvents(1, 0, 3, Date.now()))));
  expect(res.status).toBe(201);
}

const valid = (overrides: Record<string, unknown> = {}) => ({ ...firstOf(markerEvents(1, 0, 2, Date.now())), ...overrides });

beforeAll(async () => {
  site = await createSite({ name: `Fuzz shop ${randomBytes(3).toString("hex")}`, origins: [ORIGIN], by });
  figures = { requests: 0, status: {} };
  sessions = [];
  for (let i = 0; i < RUNS + 80; i++) sessions.push(await giveConsent(site, ORIGIN));
}, FULL ? 600_000 : 60_000);

afterAll(async () => {
  console.log(`[adversarial] ingest fuzz: ${figures.requests} requests, statuses ${JSON.stringify(figures.status)}`);
});

describe("hand-written hostile uploads", () => {
  it("malformed JSON, wrong types, wrong content types, unknown keys and forged origins: a clear 4xx each, nothing written", async () => {
    const before = await counts();
    const cases: [BodyInit, Record<string, string>, number][] = [
      ["{not json", {}, 400],
      ["", {}, 400],
      ["null", {}, 400],
      ["[1,2,3]", {}, 400],
      ['{"v":1', {}, 400],
      ["\u0000\u0001\u0002", {}, 400],
      [JSON.stringify(valid({ v: 2 })), {}, 400],
      [JSON.stringify(valid({ seq: -1 })), {}, 400],
      [JSON.stringify(valid({ seq: 1.5 })), {}, 400],
      [JSON.stringify(valid({ seq: "0" })), {}, 400],
      [JSON.stringify(valid({ events: "many" })), {}, 400],
      [JSON.stringify(valid({ events: [{ type: "2", timestamp: 1, data: {} }] })), {}, 400],
      [JSON.stringify(valid({ events: [{ type: 2, timestamp: -1, data: {} }] })), {}, 400],
      // Past what a Date (and a 64-bit column) can hold: once a 500 from the database.
      [JSON.stringify(valid({ events: [{ type: 4, timestamp: 1e300, data: {} }] })), {}, 400],
      [JSON.stringify(valid({ events: [{ type: 4, timestamp: 2 ** 63, data: {} }] })), {}, 400],
      [JSON.stringify(valid({ sessionId: "s_short" })), {}, 400],
      [JSON.stringify(valid({ sessionId: "../../etc/passwd" })), {}, 400],
      [JSON.stringify(valid({ siteKey: "pk_' OR 1=1 --" })), {}, 400],
      [JSON.stringify(valid({ vault: "not base64!" })), {}, 400],
      [JSON.stringify(valid({ page: { url: "x".repeat(5000) } })), {}, 400],
      [JSON.stringify(valid({ user: { id: "" } })), {}, 400],
      [JSON.stringify(valid({ user: { pseudonym: "ps_not-really" } })), {}, 400],
      [JSON.stringify(valid({ trigger: { reason: "r".repeat(500), kind: "ticket" } })), {}, 400],
      // Privacy point 3: no consent proof, someone else's, a made-up one; a trigger without its
      // kind, or of a kind the site did not enable (its default is ticket and manual).
      [JSON.stringify(valid({ consent: undefined })), {}, 400],
      [JSON.stringify(valid({ consent: consented().proofId })), {}, 403],
      [JSON.stringify(valid({ consent: "cp_made_up_proof_0001" })), {}, 403],
      [JSON.stringify(valid({ trigger: { reason: "ticket" } })), {}, 400],
      [JSON.stringify(valid({ trigger: { reason: "error", kind: "error" } })), {}, 403],
      [JSON.stringify(valid()), { "content-type": "multipart/form-data; boundary=x" }, 415],
      [JSON.stringify(valid()), { "content-type": "application/x-www-form-urlencoded" }, 415],
      [JSON.stringify(valid()), { "content-type": "text/html" }, 415],
      [JSON.stringify(valid()), { "content-type": "application/xml" }, 415],
      [JSON.stringify(valid({ siteKey: "pk_unknownunknownunknown" })), {}, 404],
      [JSON.stringify(valid()), { origin: "https://evil.example" }, 403],
      [JSON.stringify(valid()), { origin: "null" }, 403],
      [JSON.stringify(valid()), { origin: "https://fuzz-shop.example.evil.example" }, 403],
      [JSON.stringify(valid()), { origin: "http://fuzz-shop.example" }, 403],
      [JSON.stringify(valid()), { origin: "" }, 403],
      [JSON.stringify(valid()), { "content-length": String(50 * 1024 * 1024) }, 413],
    ];
    for (const [body, headers, status] of cases) await expectRefused(await send(body, headers), before, status);
    await expectStillServing();
  });

  it("huge strings, deep nesting and very many tiny events stay within bounds", async () => {
    const before = await counts();
    // Over the compressed limit as plain text.
    await expectRefused(await send("x".repeat(2 * 1024 * 1024)), before, 413);
    // Far more tiny events than a batch may hold, compressed small: refused by count or size.
    const tiny = JSON.stringify(valid({ events: Array.from({ length: 150_000 }, (_, i) => ({ type: 3, timestamp: i, data: {} })) }));
    await expectRefused(await send(gzipSync(tiny)), before);
    // A million of them: decompresses past the limit, refused before any parsing.
    const million = `{"v":1,"siteKey":"${site.publicKey}","sessionId":"${newSessionId()}","consent":"cp_not_needed_here","seq":0,"page":{"url":"https://x.example/"},"events":[${'{"type":3,"timestamp":1,"data":{}},'.repeat(1_000_000)}{"type":3,"timestamp":1,"data":{}}]}`;
    await expectRefused(await send(gzipSync(million)), before, 413);
    const justOver = JSON.stringify(valid({ events: Array.from({ length: 5001 }, (_, i) => ({ type: 3, timestamp: i, data: { source: 1, positions: [] } })) }));
    await expectRefused(await send(gzipSync(justOver)), before, 400);
    // A nesting a million levels deep, inside an event and around the body.
    const deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
    const inEvent = JSON.stringify(valid()).replace('"data":{', `"data":{"deep":${deep},`);
    const deepRes = await send(gzipSync(inEvent));
    expect(deepRes.status).toBeLessThan(500);
    await expectRefused(await send(gzipSync(deep)), await counts(), 400);
    // One 7 MB text (under the decompressed limit): accepted and masked, or refused, never a 500.
    const huge = JSON.stringify(valid({ events: [{ type: 2, timestamp: 1, data: { node: { type: 0, id: 1, childNodes: [{ type: 3, id: 2, textContent: "A".repeat(7 * 1024 * 1024) }] }, initialOffset: {} } }] }));
    expect((await send(gzipSync(huge))).status).toBeLessThan(500);
    await expectConsistent();
    await expectStillServing();
  });

  it("gzip bombs and truncated or nested gzip: 413 or 400, nothing written", async () => {
    const before = await counts();
    await expectRefused(await send(gzipSync(Buffer.alloc(100 * 1024 * 1024, 0x20))), before, 413);
    await expectRefused(await send(gzipSync(Buffer.alloc(MAX_BATCH_BYTES_DECOMPRESSED + 1, 0x20))), before, 413);
    const ok = gzipSync(JSON.stringify(valid()));
    for (const cut of [2, 10, Math.floor(ok.length / 2), ok.length - 4]) await expectRefused(await send(ok.subarray(0, cut)), before, 400);
    await expectRefused(await send(gzipSync(ok)), before, 400);
    const corrupt = Buffer.from(ok);
    corrupt[20] = (corrupt[20] ?? 0) ^ 0xff;
    await expectRefused(await send(corrupt), before, 400);
    await expectRefused(await send(Buffer.from([0x1f, 0x8b])), before, 400);
    await expectStillServing();
  });

  it("duplicate and out-of-order sequence numbers: each acknowledged seq stored exactly once", async () => {
    const { sessionId, proofId } = consented();
    const t = Date.now();
    const body = (seq: number) => JSON.stringify(batch(site.publicKey, sessionId, seq, markerEvents(7, seq, 3, t + seq * 10), { consent: proofId }));
    // Seq 0 (with the trigger) first; then the rest shuffled, repeated, and sent at the same time.
    expect((await send(body(0))).status).toBe(201);
    const order = [3, 1, 2, 2, 5, 1, 4, 3, 3, 0, 5, 4];
    const replies = await Promise.all(order.map((seq) => send(body(seq))));
    for (const r of replies) expect([200, 201]).toContain(r.status);
    const created = replies.filter((r) => r.status === 201).length;
    expect(created, "one creation per distinct seq").toBe(5);
    const chunks = await db().eventChunk.findMany({ where: { recording: { sdkSessionId: sessionId } }, orderBy: { seq: "asc" }, select: { seq: true } });
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    // The same new session raced from several tabs: one session row, one chunk.
    const { sessionId: racing, proofId: racingProof } = consented();
    const raced = await Promise.all(Array.from({ length: 6 }, () => send(JSON.stringify(batch(site.publicKey, racing, 0, markerEvents(8, 0, 2, t), { consent: racingProof })))));
    expect(raced.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await db().recording.count({ where: { sdkSessionId: racing } })).toBe(1);
    expect(await db().eventChunk.count({ where: { recording: { sdkSessionId: racing } } })).toBe(1);
    await expectConsistent();
  });

  it("a page full of secrets is stored without any of them in clear", async () => {
    expect((await send(gzipSync(JSON.stringify(firstOf(formPage()))))).status).toBe(201);
  });
});

// Bodies a fuzzer builds: anything at all, JSON of any shape, valid batches with one field swapped
// for something else, and (most often) well-formed batches carrying arbitrary events: random rrweb
// node trees and incremental events, the masker's input.
const anyJson = fc.jsonValue({ maxDepth: 6 });
const fieldNames = ["v", "siteKey", "sessionId", "consent", "seq", "events", "vault", "page", "user", "trigger", "ended"];
const attrName = fc.constantFrom("href", "src", "style", "srcdoc", "onload", "onerror", "value", "type", "name", "content", "http-equiv", "data-replay-unmask", "data-replay-block", "class", "_cssText", "rr_width");
const attrValue = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("javascript:alert(1)", "data:text/html,<b>", "url(https://evil.example/x)", "4242 4242 4242 4242", ""), fc.boolean(), fc.integer(), fc.constant(null));
const { node } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.record(
    {
      type: fc.integer({ min: -1, max: 6 }),
      id: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant(0), fc.string({ maxLength: 3 })),
      tagName: fc.oneof(fc.constantFrom("div", "p", "script", "style", "iframe", "input", "a", "meta", "link", "base", "svg", "img", "object", "textarea", "SCRIPT"), fc.string({ maxLength: 6 })),
      attributes: fc.oneof(fc.dictionary(attrName, attrValue, { maxKeys: 4 }), anyJson),
      textContent: fc.oneof(fc.string({ maxLength: 40 }), fc.integer()),
      childNodes: fc.oneof(fc.array(tie("node"), { maxLength: 3 }), anyJson),
    },
    { requiredKeys: ["type", "id"] },
  ),
}));
const structured = fc.oneof(
  anyJson,
  fc.record({ node, initialOffset: anyJson }, { requiredKeys: ["node"] }),
  fc.record(
    {
      source: fc.integer({ min: 0, max: 20 }),
      id: fc.integer({ min: 0, max: 60 }),
      text: fc.string({ maxLength: 30 }),
      positions: fc.array(anyJson, { maxLength: 3 }),
      adds: fc.array(fc.record({ parentId: fc.integer({ min: 0, max: 60 }), nextId: fc.oneof(fc.integer(), fc.constant(null)), node }, { requiredKeys: [] }), { maxLength: 3 }),
      texts: fc.array(fc.record({ id: fc.integer({ min: 0, max: 60 }), value: fc.oneof(fc.string(), fc.constant(null), fc.integer()) }), { maxLength: 3 }),
      attributes: fc.array(fc.record({ id: fc.integer({ min: 0, max: 60 }), attributes: fc.oneof(fc.dictionary(attrName, attrValue, { maxKeys: 3 }), anyJson) }), { maxLength: 3 }),
      removes: fc.array(anyJson, { maxLength: 3 }),
      tag: fc.oneof(fc.constant("replaydesk:error"), fc.string()),
      payload: anyJson,
    },
    { requiredKeys: [] },
  ),
);
const wellFormedEvent = fc.record({ type: fc.integer({ min: 0, max: 7 }), timestamp: fc.integer({ min: 0, max: 2 ** 42 }), data: structured }, { requiredKeys: ["type", "timestamp", "data"] });
const wildEvent = fc.record(
  {
    type: fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double(), fc.string()),
    timestamp: fc.oneof(fc.integer({ min: 0, max: 2 ** 42 }), fc.double(), fc.constant(1e300), fc.string()),
    data: anyJson,
    delay: fc.oneof(fc.double(), fc.string()),
  },
  { requiredKeys: ["type", "timestamp", "data"] },
);

type Case = { body: Uint8Array<ArrayBuffer> | string; headers: Record<string, string> };

// Well-formed batches belong to consented sessions (drawn from the pool, so some repeat: a seq 0
// again is then a duplicate); otherwise nearly everything would stop at the consent check.
const caseArb = (key: () => string, pool: fc.Arbitrary<Session>): fc.Arbitrary<Case> => {
  const skeleton = (s: Session, extra: Record<string, unknown>) => ({ v: 1, siteKey: key(), sessionId: s.sessionId, consent: s.proofId, seq: 0, page: { url: "https://fuzz-shop.example/p" }, trigger: { reason: "ticket", kind: "ticket" }, ...extra });
  const bodies = fc.oneof(
    fc.anything().map((v) => JSON.stringify(v) ?? "undefined"),
    anyJson.map((v) => JSON.stringify(v)),
    fc.tuple(pool, fc.constantFrom(...fieldNames), fc.anything()).map(([s, field, v]) => JSON.stringify({ ...skeleton(s, { events: [{ type: 4, timestamp: 1, data: {} }] }), [field]: v }) ?? ""),
    fc.tuple(pool, fc.array(wildEvent, { minLength: 1, maxLength: 8 })).map(([s, events]) => JSON.stringify(skeleton(s, { events }))),
    { arbitrary: fc.tuple(pool, fc.array(wellFormedEvent, { minLength: 1, maxLength: 12 })).map(([s, events]) => JSON.stringify(skeleton(s, { events }))), weight: 6 },
    fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
    fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from(b)])),
    fc.string({ maxLength: 300 }),
  );
  const headers = fc.record({
    "content-type": fc.oneof({ arbitrary: fc.constantFrom("text/plain", "application/json", "application/octet-stream", "application/gzip", "text/plain;charset=utf-8", "TEXT/PLAIN"), weight: 6 }, fc.constantFrom("image/png", "", "multipart/form-data")),
    origin: fc.oneof({ arbitrary: fc.constant(ORIGIN), weight: 6 }, fc.constantFrom("https://evil.example", "null")),
  });
  return fc.record({ body: bodies, headers, gzip: fc.boolean() }).map(({ body, headers, gzip }) => ({ body: gzip ? gzipSync(body) : body, headers }));
};

describe("generated hostile uploads (fast-check)", () => {
  it(`${RUNS} generated bodies: never a 5xx; refusals write nothing, acceptances store one chunk`, { timeout: FULL ? 900_000 : 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(() => site.publicKey, fc.constantFrom(...sessions.splice(0, RUNS))), async ({ body, headers }) => {
        const before = await counts();
        const res = await send(body, headers);
        expect(res.status, "never a 5xx").toBeLessThan(500);
        if (res.status >= 400) {
          await expectRefused(res, before);
        } else {
          const after = await counts();
          // A new session with its first chunk, or one more chunk; a retried seq adds nothing.
          expect(after.chunks - before.chunks).toBe(res.status === 201 ? 1 : 0);
          expect(after.sessions - before.sessions).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: RUNS },
    );
    await expectConsistent();
    await expectStillServing();
  });
});

describe("privacy leak hunt (this suite's database)", () => {
  it("none of the typed secrets is stored in clear in any table", async () => {
    const scan = await scanDatabase(process.env.DATABASE_URL!, LEAK_NEEDLES);
    expect(scan.tables).toBeGreaterThan(5);
    expect(scan.leaks).toEqual([]);
  });
});

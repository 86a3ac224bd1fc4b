import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as ingest } from "@/app/api/v1/ingest/route";
import { POST as consent } from "@/app/api/v1/consent/route";
import { GET as sdkConfig } from "@/app/api/v1/sdk-config/route";
import { db } from "@/lib/db/client";
import { createSite } from "@/lib/sites/create-site";
import { openRecordingKey } from "@/lib/crypto/recording-keys";
import { decodeChunk } from "@/lib/recordings/chunk-codec";
import { consentSessionHash } from "@/lib/ingest/consent-proof";
import { giveConsent, newSessionId } from "@/tests/support/sdk-calls";
import { maskStoredPageLists } from "@/lib/runtime/mask-stored-pages";

const ORIGIN = "https://shop.example";
const by = { id: null, label: "test" };
let site: { id: string; publicKey: string };
let streamSite: { id: string; publicKey: string };

function fullSnapshot(text: string) {
  return {
    type: 2,
    timestamp: Date.now(),
    data: {
      node: {
        type: 0, id: 1, childNodes: [
          { type: 2, id: 2, tagName: "html", attributes: {}, childNodes: [
            { type: 2, id: 3, tagName: "body", attributes: {}, childNodes: [
              { type: 2, id: 4, tagName: "p", attributes: {}, childNodes: [{ type: 3, id: 5, textContent: text }] },
            ] },
          ] },
        ],
      },
      initialOffset: { left: 0, top: 0 },
    },
  };
}

// A first batch of a session with its consent proof: consent is given for it beforehand, on the
// site the batch names.
async function batch(overrides: Record<string, unknown> = {}) {
  const siteKey = (overrides.siteKey as string | undefined) ?? site.publicKey;
  // An unknown site key cannot be consented to: its batch carries a well-formed proof of nothing.
  const known = (await db().site.count({ where: { publicKey: siteKey } })) > 0;
  const { sessionId, proofId } = known ? await giveConsent({ publicKey: siteKey }, ORIGIN) : { sessionId: newSessionId(), proofId: "cp_unknown" };
  return {
    v: 1, siteKey: site.publicKey, sessionId, consent: proofId, seq: 0,
    events: [{ type: 4, timestamp: Date.now(), data: { href: `${ORIGIN}/checkout?email=a@b.c`, width: 1200, height: 800 } }, fullSnapshot("Hello")],
    page: { url: `${ORIGIN}/checkout?email=a@b.c` }, trigger: { reason: "ticket", kind: "ticket" },
    ...overrides,
  };
}

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return ingest(new Request("http://localhost:3100/api/v1/ingest", { method: "POST", headers: { origin: ORIGIN, "content-type": "text/plain", ...headers }, body }));
}
const postJson = (value: unknown, headers?: Record<string, string>) => post(JSON.stringify(value), headers);

async function counts() {
  return { sessions: await db().recording.count(), chunks: await db().eventChunk.count() };
}

async function expectRejected(res: Response, status: number, message: RegExp, before: Awaited<ReturnType<typeof counts>>) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { message: string } };
  expect(body.error.message).toMatch(message);
  expect(await counts()).toEqual(before);
}

async function storedEvents(sdkSessionId: string) {
  const session = await db().recording.findFirstOrThrow({ where: { sdkSessionId }, omit: { wrappedDataKey: false }, include: { chunks: { orderBy: { seq: "asc" } } } });
  const key = await openRecordingKey(session.wrappedDataKey!);
  return session.chunks
    .filter((c) => c.stream === "masked")
    .flatMap((c) => JSON.parse(decodeChunk(key, { recordingId: session.id, stream: "masked", seq: c.seq }, c.payload).toString()) as unknown[]);
}

beforeAll(async () => {
  site = await createSite({ name: "Ingest test shop", origins: [ORIGIN], by });
  streamSite = await createSite({ name: "Streaming shop", origins: [ORIGIN], by });
  await db().site.update({ where: { id: streamSite.id }, data: { recordingMode: "stream" } });
});

describe("POST /api/v1/ingest", () => {
  it("stores a triggered batch masked, compressed and encrypted, once per seq", async () => {
    const body = await batch({ events: [fullSnapshot("SECRET-TEXT-4242 in a paragraph")] });
    const res = await post(gzipSync(JSON.stringify(body)));
    expect(res.status).toBe(201);
    expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);

    const chunk = await db().eventChunk.findFirstOrThrow({ where: { recording: { sdkSessionId: body.sessionId } } });
    expect(Buffer.from(chunk.payload).toString("latin1")).not.toContain("SECRET-TEXT");
    const events = await storedEvents(body.sessionId);
    expect(JSON.stringify(events)).not.toContain("SECRET-TEXT-4242");
    // The snapshot, and the trigger marked where it happened (issue 17: where the viewer opens).
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ type: 5, data: { tag: "replaydesk:trigger" } });

    const session = await db().recording.findFirstOrThrow({ where: { sdkSessionId: body.sessionId } });
    expect(session.status).toBe("triggered");
    // No path segment is listed as shown on this site: every one is masked.
    expect(session.pages).toEqual([`${ORIGIN}/:id`]);

    const again = await post(gzipSync(JSON.stringify(body)));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);
    expect(await db().eventChunk.count({ where: { recordingId: session.id } })).toBe(1);
  });

  it("marks the first trigger once, at the last event of its batch; later triggers and plain batches add nothing", async () => {
    const t0 = Date.now() - 10_000;
    const body = await batch({ events: [{ ...fullSnapshot("Hi"), timestamp: t0 }, { type: 3, timestamp: t0 + 700, data: { source: 1, positions: [] } }] });
    expect((await post(JSON.stringify(body))).status).toBe(201);
    expect((await post(JSON.stringify({ ...body, seq: 1, events: [{ type: 3, timestamp: t0 + 900, data: { source: 1, positions: [] } }] }))).status).toBe(201);
    expect((await post(JSON.stringify({ ...body, seq: 2, events: [{ type: 3, timestamp: t0 + 1200, data: { source: 1, positions: [] } }], trigger: undefined }))).status).toBe(201);
    const markers = (await storedEvents(body.sessionId)).filter((e) => (e as { type: number }).type === 5);
    expect(markers).toEqual([{ type: 5, timestamp: t0 + 700, data: { tag: "replaydesk:trigger", payload: {} } }]);
  });

  it("scrubs card numbers and IBANs that an SDK let through, and counts them", async () => {
    const body = await batch({ events: [{ type: 5, timestamp: Date.now(), data: { tag: "note", payload: { text: "4111 1111 1111 1111 / FR76 3000 6000 0112 3456 7890 189" } } }] });
    expect((await postJson(body)).status).toBe(201);
    const stored = JSON.stringify(await storedEvents(body.sessionId));
    expect(stored).not.toContain("4111 1111 1111 1111");
    expect(stored).not.toContain("FR76 3000 6000");
  });

  it("hashes a raw user id into a per-site pseudonym at once (I2/I3)", async () => {
    const body = await batch({ user: { id: "customer-8812" } });
    expect((await postJson(body)).status).toBe(201);
    const session = await db().recording.findFirstOrThrow({ where: { sdkSessionId: body.sessionId } });
    expect(session.pseudonym).toMatch(/^ps_/);
    expect(JSON.stringify(session)).not.toContain("customer-8812");
  });

  it("refuses an untriggered upload on a buffer-mode site (L2) and keeps nothing", async () => {
    const before = await counts();
    await expectRejected(await postJson(await batch({ trigger: undefined })), 409, /buffer mode/, before);
  });

  it("keeps untriggered streaming data only 15 minutes past the session's end", async () => {
    const body = await batch({ siteKey: streamSite.publicKey, trigger: undefined });
    const started = Date.now();
    expect((await postJson(body)).status).toBe(201);
    const session = await db().recording.findFirstOrThrow({ where: { sdkSessionId: body.sessionId } });
    expect(session.status).toBe("untriggered");
    const due = session.deleteAfter!.getTime() - started;
    expect(due).toBeGreaterThanOrEqual(45 * 60_000 - 5_000);
    expect(due).toBeLessThanOrEqual(45 * 60_000 + 5_000);
  });

  it("answers each kind of bad upload with the right 4xx and changes nothing", async () => {
    const before = await counts();
    await expectRejected(await post("{not json"), 400, /not valid JSON/, before);
    await expectRejected(await postJson({ ...await batch(), seq: "one" }), 400, /seq/, before);
    await expectRejected(await postJson({ ...await batch(), events: [] }), 400, /events/, before);
    await expectRejected(await postJson(await batch(), { "content-type": "multipart/form-data" }), 415, /Content-Type/, before);
    await expectRejected(await post("x".repeat(1024 * 1024 + 10)), 413, /larger than/, before);
    await expectRejected(await post(gzipSync(Buffer.alloc(20 * 1024 * 1024, 32))), 413, /decompresses to more than/, before);
    await expectRejected(await post(gzipSync(JSON.stringify(await batch())).subarray(0, 30)), 400, /not valid gzip/, before);
    await expectRejected(await postJson(await batch({ siteKey: "pk_unknownunknownunknown" })), 404, /Unknown site key/, before);
    await expectRejected(await postJson(await batch(), { origin: "https://evil.example" }), 403, /not allowed/, before);
    await expectRejected(await post(JSON.stringify(await batch()), { origin: "" }), 403, /no Origin/, before);
    await expectRejected(await postJson(await batch({ user: { pseudonym: "not-a-pseudonym" } })), 400, /pseudonym/, before);
    await expectRejected(await postJson(await batch({ trigger: { reason: "ticket", kind: "lottery" } })), 400, /trigger.kind/, before);
  });
});

describe("what ingest keeps of an upload (masking again, pages, sensitive pages)", () => {
  const E = (id: number, tagName: string, attributes: Record<string, unknown> = {}, childNodes: unknown[] = []) => ({ type: 2, id, tagName, attributes, childNodes });
  const T = (id: number, textContent: string) => ({ type: 3, id, textContent });
  const snapshotOf = (body: unknown[]) => ({
    type: 2, timestamp: Date.now(),
    data: { node: { type: 0, id: 1, childNodes: [E(2, "html", {}, [E(3, "body", {}, body)])] }, initialOffset: { left: 0, top: 0 } },
  });

  it("stores none of the personal data the security review found outside text nodes (M3), from a forged upload", async () => {
    const body = await batch({
      events: [
        { type: 4, timestamp: Date.now(), data: { href: `${ORIGIN}/customers/jane-doe-1985-04-12`, width: 800, height: 600 } },
        snapshotOf([
          E(10, "div", { "x-data": "{ email: 'jane.doe@example.com', phone: '+33 6 12 34 56 78' }" }, [T(11, "Hi")]),
          E(12, "a", { href: `${ORIGIN}/customers/jane-doe-1985-04-12/orders` }),
          E(13, "time", { datetime: "1985-04-12" }),
          E(14, "input", { type: "radio", name: "hiv-status", value: "positive", checked: true }),
          E(15, "style", {}, [T(16, '.hello::before { content: "Welcome back, Jane Doe" }')]),
          E(17, "div", { role: "progressbar", "aria-valuenow": "86" }),
        ]),
        { type: 3, timestamp: Date.now(), data: { source: 5, id: 14, text: "positive", isChecked: true } },
      ],
    });
    expect((await postJson(body)).status).toBe(201);
    const stored = JSON.stringify(await storedEvents(body.sessionId));
    for (const leak of ["jane.doe@example.com", "+33 6 12 34 56 78", "jane-doe-1985-04-12", "1985-04-12", "hiv-status", '"checked":true', '"isChecked":true', "Welcome back, Jane Doe", "aria-valuenow"]) {
      expect(stored, leak).not.toContain(leak);
    }
    expect(stored).toContain('"role":"progressbar"');
  });

  it("lists pages with their path masked, and only on the site's own origins (L9)", async () => {
    const body = await batch({ page: { url: "https://replaydesk-verify.evil.example/login" } });
    expect((await postJson(body)).status).toBe(201);
    const foreign = await db().recording.findFirstOrThrow({ where: { sdkSessionId: body.sessionId } });
    expect(foreign.pages).toEqual([]);

    const listed = await createSite({ name: "Listed shop", origins: [ORIGIN], by });
    await db().site.update({ where: { id: listed.id }, data: { pathSegmentAllowList: "customers\norders" } });
    const own = await batch({ siteKey: listed.publicKey, page: { url: `${ORIGIN}/customers/jane-doe-1985-04-12/orders?x=1` } });
    expect((await postJson(own)).status).toBe(201);
    const session = await db().recording.findFirstOrThrow({ where: { sdkSessionId: own.sessionId } });
    expect(session.pages).toEqual([`${ORIGIN}/customers/:id/orders`]);
  });

  it("keeps nothing of an upload claiming a sensitive page, as its page or in its events (privacy point 7)", async () => {
    const before = await counts();
    const onPage = await postJson(await batch({ page: { url: `${ORIGIN}/account/settings` } }));
    expect(onPage.status).toBe(201);
    expect(await onPage.json()).toMatchObject({ dropped: true });
    const inEvents = await batch({ events: [{ type: 4, timestamp: Date.now(), data: { href: `${ORIGIN}/Health/hiv-test`, width: 1, height: 1 } }, fullSnapshot("Hello")] });
    expect(await (await postJson(inEvents)).json()).toMatchObject({ dropped: true });
    expect(await counts()).toEqual(before);
  });
});

describe("POST /api/v1/consent and GET /api/v1/sdk-config", () => {
  const consentRequest = (body: unknown) =>
    consent(new Request("http://localhost:3100/api/v1/consent", { method: "POST", headers: { origin: ORIGIN, "content-type": "text/plain" }, body: JSON.stringify(body) }));

  it("withdrawal deletes untriggered data with a receipt, and the session cannot come back", async () => {
    const body = await batch({ siteKey: streamSite.publicKey, trigger: undefined });
    expect((await postJson(body)).status).toBe(201);
    const res = await consentRequest({ siteKey: streamSite.publicKey, sessionId: body.sessionId, granted: false, bannerVersion: "v3" });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { deleted: boolean }).deleted).toBe(true);
    expect(await db().recording.count({ where: { sdkSessionId: body.sessionId } })).toBe(0);
    expect(await db().consentRecord.count({ where: { sessionHash: consentSessionHash(streamSite.id, body.sessionId), granted: false } })).toBe(1);
    expect(await db().deletionReceipt.count({ where: { siteId: streamSite.id, reason: "consent-withdrawn" } })).toBeGreaterThan(0);
    expect((await postJson({ ...body, seq: 1 })).status).toBe(403);
  });

  it("withdrawal deletes a triggered recording too (privacy point 4)", async () => {
    const body = await batch();
    expect((await postJson(body)).status).toBe(201);
    const res = await consentRequest({ siteKey: site.publicKey, sessionId: body.sessionId, granted: false });
    expect(((await res.json()) as { deleted: boolean }).deleted).toBe(true);
    expect(await db().recording.count({ where: { sdkSessionId: body.sessionId } })).toBe(0);
  });

  it("serves the site's configuration to its origins only, with M0/M3 defaults", async () => {
    const ok = await sdkConfig(new Request(`http://localhost:3100/api/v1/sdk-config?siteKey=${site.publicKey}`, { headers: { origin: ORIGIN } }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ maskingMode: "M3", recordingMode: "buffer", vaultPublicKey: null });
    const other = await sdkConfig(new Request(`http://localhost:3100/api/v1/sdk-config?siteKey=${site.publicKey}`, { headers: { origin: "https://evil.example" } }));
    expect(other.status).toBe(403);
  });
});

describe("upgrade of page lists stored before paths were masked (privacy point 7)", () => {
  it("masks them with the same definition, drops foreign origins, and changes nothing the second time", async () => {
    const listed = await createSite({ name: "Upgraded shop", origins: [ORIGIN], by });
    await db().site.update({ where: { id: listed.id }, data: { pathSegmentAllowList: "account\norders" } });
    const body = await batch({ siteKey: listed.publicKey });
    expect((await postJson(body)).status).toBe(201);
    const old = [`${ORIGIN}/account/orders/88123`, "https://replaydesk-verify.evil.example/login", `${ORIGIN}/clinic/hiv-test`];
    await db().recording.updateMany({ where: { sdkSessionId: body.sessionId }, data: { pages: old } });
    expect(await maskStoredPageLists()).toBeGreaterThanOrEqual(1);
    const session = await db().recording.findFirstOrThrow({ where: { sdkSessionId: body.sessionId } });
    expect(session.pages).toEqual([`${ORIGIN}/account/orders/:id`, `${ORIGIN}/:id/:id`]);
    expect(await maskStoredPageLists()).toBe(0);
  });
});

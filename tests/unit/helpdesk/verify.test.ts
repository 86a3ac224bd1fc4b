import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HELPDESK_KINDS, verifyWebhook, type HelpdeskKind } from "@/lib/helpdesk/verify";
import { mapHelpdeskEvent } from "@/lib/helpdesk/map-event";
import { helpdeskFixtures, signedHeaders } from "@/tests/support/helpdesk";

const SECRETS: Record<HelpdeskKind, string> = {
  generic: `whsec_${Buffer.from("generic-test-secret-32-bytes-lon").toString("base64")}`,
  zammad: "zammad-test-secret",
  chatwoot: "chatwoot-test-secret",
  zendesk: "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==",
  freshdesk: "freshdesk-test-secret",
};
const NOW = new Date("2026-11-30T21:00:00Z");
const creds = (kind: HelpdeskKind, secret = SECRETS[kind]) => ({ secret, basicAuthUser: kind === "freshdesk" ? "replaydesk" : null });
const post = (headers: Record<string, string>, body: string) => ({ headers: new Headers(headers), body });

describe("Standard Webhooks test vector (generic)", () => {
  const vector = JSON.parse(readFileSync("tests/fixtures/helpdesk/generic/spec-vector.json", "utf8")) as { secret: string; headers: Record<string, string>; body: string };
  const at = new Date(Number(vector.headers["webhook-timestamp"]) * 1000);

  it("verifies the spec's own signature", () => {
    expect(verifyWebhook("generic", post(vector.headers, vector.body), { secret: vector.secret, basicAuthUser: null }, at)).toEqual({ ok: true, deliveryId: vector.headers["webhook-id"] });
  });

  it("accepts it among several signatures, refuses a changed body and an old one", () => {
    const several = { ...vector.headers, "webhook-signature": `v1,AAAA v1a,xyz ${vector.headers["webhook-signature"]}` };
    expect(verifyWebhook("generic", post(several, vector.body), { secret: vector.secret, basicAuthUser: null }, at).ok).toBe(true);
    expect(verifyWebhook("generic", post(vector.headers, vector.body.replace("2432", "2433")), { secret: vector.secret, basicAuthUser: null }, at)).toEqual({ ok: false, problem: "signature" });
    expect(verifyWebhook("generic", post(vector.headers, vector.body), { secret: vector.secret, basicAuthUser: null }, new Date(at.getTime() + 6 * 60_000))).toEqual({ ok: false, problem: "stale" });
  });
});

describe.each(HELPDESK_KINDS)("%s webhooks", (kind) => {
  const fixtures = helpdeskFixtures(kind);

  it("has fixtures naming their source", () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const f of fixtures) expect(f.source).toMatch(/https:\/\/|issue 13/);
  });

  it.each(fixtures)("$name: signed as documented, verified and mapped", (f) => {
    const body = JSON.stringify(f.payload);
    const verified = verifyWebhook(kind, post(signedHeaders(kind, body, SECRETS[kind], { at: NOW }), body), creds(kind), NOW);
    expect(verified.ok).toBe(true);
    expect(mapHelpdeskEvent(kind, JSON.parse(body))).toEqual(f.expected);
  });

  it("refuses a wrong secret, a changed body and missing headers", () => {
    const body = JSON.stringify(fixtures[0]!.payload);
    const headers = signedHeaders(kind, body, SECRETS[kind], { at: NOW });
    const wrongSecret = kind === "generic" ? `whsec_${Buffer.from("another-secret-of-thirty-two-byt").toString("base64")}` : "another-secret";
    expect(verifyWebhook(kind, post(headers, body), creds(kind, wrongSecret), NOW)).toEqual({ ok: false, problem: "signature" });
    if (kind !== "freshdesk") expect(verifyWebhook(kind, post(headers, body.replace(/\d/, "9")), creds(kind), NOW)).toEqual({ ok: false, problem: "signature" });
    expect(verifyWebhook(kind, post({}, body), creds(kind), NOW)).toEqual({ ok: false, problem: "signature" });
  });

  it("the same post gives the same delivery id (replays are recognised)", () => {
    const body = JSON.stringify(fixtures[0]!.payload);
    const headers = signedHeaders(kind, body, SECRETS[kind], { at: NOW, deliveryId: "fixed" });
    const first = verifyWebhook(kind, post(headers, body), creds(kind), NOW);
    const again = verifyWebhook(kind, post(headers, body), creds(kind), NOW);
    expect(first).toEqual(again);
  });
});

describe.each(["generic", "chatwoot", "zendesk"] as const)("%s: timestamps", (kind) => {
  it("refuses a post signed more than 5 minutes ago or ahead, accepts one within", () => {
    const body = JSON.stringify(helpdeskFixtures(kind)[0]!.payload);
    const at = (ms: number) => signedHeaders(kind, body, SECRETS[kind], { at: new Date(NOW.getTime() + ms) });
    expect(verifyWebhook(kind, post(at(-6 * 60_000), body), creds(kind), NOW)).toEqual({ ok: false, problem: "stale" });
    expect(verifyWebhook(kind, post(at(6 * 60_000), body), creds(kind), NOW)).toEqual({ ok: false, problem: "stale" });
    expect(verifyWebhook(kind, post(at(-4 * 60_000), body), creds(kind), NOW).ok).toBe(true);
  });
});

describe("freshdesk basic auth", () => {
  it("refuses another user name with the right password", () => {
    const body = "{}";
    expect(verifyWebhook("freshdesk", post(signedHeaders("freshdesk", body, SECRETS.freshdesk, { basicAuthUser: "admin" }), body), creds("freshdesk"), NOW)).toEqual({ ok: false, problem: "signature" });
  });
});

describe("status tables", () => {
  it("maps each helpdesk's statuses", () => {
    expect(mapHelpdeskEvent("zammad", { ticket: { id: 5, state: "merged" } })).toEqual({ type: "closed", externalId: "5" });
    expect(mapHelpdeskEvent("zammad", { ticket: { id: 5, state: { name: "pending reminder" } } })).toEqual({ type: "reopened", externalId: "5" });
    expect(mapHelpdeskEvent("chatwoot", { event: "conversation_status_changed", id: 9, status: "open" })).toEqual({ type: "reopened", externalId: "9" });
    expect(mapHelpdeskEvent("chatwoot", { event: "message_created", id: 9 })).toBeNull();
    expect(mapHelpdeskEvent("zendesk", { type: "zen:event-type:ticket.status_changed", detail: { id: "3" }, event: { current: "CLOSED" } })).toEqual({ type: "closed", externalId: "3" });
    expect(mapHelpdeskEvent("zendesk", { type: "zen:event-type:ticket.status_changed", detail: { id: "3" }, event: { current: "HOLD" } })).toEqual({ type: "reopened", externalId: "3" });
    expect(mapHelpdeskEvent("freshdesk", { freshdesk_webhook: { event: "ticket_updated", ticket_id: 8, ticket_status: 4 } })).toEqual({ type: "closed", externalId: "8" });
    expect(mapHelpdeskEvent("freshdesk", { freshdesk_webhook: { event: "ticket_deleted", ticket_id: 8 } })).toEqual({ type: "deleted", externalId: "8" });
    expect(mapHelpdeskEvent("generic", { type: "ticket.deleted", data: {} })).toBeNull();
  });
});

import { randomInt } from "node:crypto";
import { db } from "@/lib/db/client";
import { connectHelpdesk } from "@/lib/helpdesk/connections";
import { mapHelpdeskEvent } from "@/lib/helpdesk/map-event";
import { HELPDESK_KINDS, type HelpdeskKind } from "@/lib/helpdesk/verify";
import { helpdeskFixture, signedHeaders } from "@/tests/support/helpdesk";
import type { Context } from "./context";

// Issue 13, over real HTTP against the running app: each helpdesk kind posts its documented payloads
// (tests/fixtures/helpdesk/<kind>, source named in each file) signed as its docs say. A good post
// has its effect; a wrong signature, a stale timestamp, a replay and an unknown ticket are refused
// and change nothing. (The handler-level cases, reopening and deletion: tests/integration/helpdesk-webhook.test.ts.)

const FIXTURES: Record<HelpdeskKind, { created: string; closed: string }> = {
  generic: { created: "ticket-created", closed: "ticket-closed" },
  zammad: { created: "ticket-created", closed: "ticket-closed" },
  chatwoot: { created: "conversation-created", closed: "conversation-resolved" },
  zendesk: { created: "ticket-created", closed: "status-solved" },
  freshdesk: { created: "ticket-created", closed: "ticket-resolved" },
};
const SIGNS_TIMESTAMPS = new Set<HelpdeskKind>(["generic", "chatwoot", "zendesk"]);
const FIXTURE_EMAIL = "ada@example.test";

// The documented payload with a ticket id (numeric: Chatwoot's ids are numbers) and an address of
// this run's, wherever the fixture spells its own (ids also appear in URLs and subjects).
function documentedBody(kind: HelpdeskKind, name: string, externalId: string, email: string): string {
  const fixture = helpdeskFixture(kind, name);
  const ownId = (fixture.expected as { externalId: string }).externalId;
  const body = JSON.stringify(fixture.payload)
    .replace(new RegExp(`(?<![\\w.-])${ownId.replace(/[-]/g, "\\-")}(?![\\w.-])`, "g"), externalId)
    .replaceAll(FIXTURE_EMAIL, email);
  // The substitution must have produced the same event for the new id, or the checks below prove nothing.
  const mapped = mapHelpdeskEvent(kind, JSON.parse(body));
  if (mapped?.externalId !== externalId || mapped.type !== (fixture.expected as { type: string }).type) {
    throw new Error(`${kind}/${name}: the rewritten fixture maps to ${JSON.stringify(mapped)}`);
  }
  return body;
}

export async function helpdeskWebhooks(ctx: Context): Promise<void> {
  const site = await db().site.findFirstOrThrow({ where: { publicKey: ctx.siteKey }, select: { id: true } });
  const client = ctx.newClient();
  for (const kind of HELPDESK_KINDS) {
    const connection = await connectHelpdesk({ id: null, label: "adversarial" }, { site: site.id, kind });
    const credentials = { basicAuthUser: connection.basicAuthUser ?? undefined };
    const path = `/api/v1/helpdesk/${connection.id}/webhook`;
    const post = (body: string, headers: Record<string, string>) => client.post(path, { headers: { "content-type": "application/json", ...headers }, body });
    const linked = (externalId: string) =>
      db().ticket.findMany({ where: { helpdeskConnectionId: connection.id, helpdeskExternalId: externalId }, select: { id: true, status: true } });
    const ext = String(randomInt(10_000_000, 99_999_999));
    const created = documentedBody(kind, FIXTURES[kind].created, ext, `hd-adv-${kind}-${ext}@example.test`);
    const closed = documentedBody(kind, FIXTURES[kind].closed, ext, `hd-adv-${kind}-${ext}@example.test`);

    const forged = await post(created, signedHeaders(kind, created, kind === "generic" ? `whsec_${Buffer.alloc(32, 7).toString("base64")}` : "not-the-secret", credentials));
    ctx.check(`${kind}: a wrong signature is a 401 and creates nothing`, forged.status === 401 && (await linked(ext)).length === 0, `${forged.status}`);

    if (SIGNS_TIMESTAMPS.has(kind)) {
      const stale = await post(created, signedHeaders(kind, created, connection.secret, { ...credentials, at: new Date(Date.now() - 6 * 60_000) }));
      ctx.check(`${kind}: a post signed 6 minutes ago is a 401 and creates nothing`, stale.status === 401 && (await linked(ext)).length === 0, `${stale.status}`);
    }

    const early = await post(closed, signedHeaders(kind, closed, connection.secret, credentials));
    ctx.check(`${kind}: closing a ticket nobody linked is a 404 and creates nothing`, early.status === 404 && (await linked(ext)).length === 0, `${early.status}`);

    const headers = signedHeaders(kind, created, connection.secret, credentials);
    const first = await post(created, headers);
    const afterFirst = await linked(ext);
    ctx.check(`${kind}: the documented "created" payload links a new open ticket`, first.status === 200 && first.json<{ result: string }>().result === "created" && afterFirst.length === 1 && afterFirst[0]!.status === "open", `${first.status} ${first.text.slice(0, 120)}`);

    const replay = await post(created, headers);
    ctx.check(`${kind}: the same delivery again is a 409 and changes nothing`, replay.status === 409 && (await linked(ext)).length === 1, `${replay.status}`);

    const close = await post(closed, signedHeaders(kind, closed, connection.secret, credentials));
    const afterClose = await linked(ext);
    ctx.check(`${kind}: the documented closing payload closes it`, close.status === 200 && afterClose[0]?.status === "closed", `${close.status} ${close.text.slice(0, 120)}`);
  }
  client.close();
}

import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { HelpdeskKind } from "@/lib/helpdesk/verify";

// How each helpdesk signs a post, written from its docs independently of lib/helpdesk/verify.ts,
// so a test signs the way the helpdesk would and the verifier has to agree.

export type HelpdeskFixture = { source: string; payload: unknown; expected: unknown };

export function helpdeskFixtures(kind: HelpdeskKind): Array<{ name: string } & HelpdeskFixture> {
  const dir = path.join("tests/fixtures/helpdesk", kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => ({ name: f, ...(JSON.parse(readFileSync(path.join(dir, f), "utf8")) as HelpdeskFixture) }))
    .filter((f) => "payload" in f);
}

export function helpdeskFixture(kind: HelpdeskKind, name: string): HelpdeskFixture {
  return JSON.parse(readFileSync(path.join("tests/fixtures/helpdesk", kind, `${name}.json`), "utf8")) as HelpdeskFixture;
}

let deliveries = 0;
const nextDelivery = () => `dlv-${Date.now()}-${++deliveries}`;

export function signedHeaders(kind: HelpdeskKind, body: string, secret: string, opts: { at?: Date; deliveryId?: string; basicAuthUser?: string } = {}): Record<string, string> {
  const at = opts.at ?? new Date();
  const seconds = String(Math.floor(at.getTime() / 1000));
  const id = opts.deliveryId ?? nextDelivery();
  switch (kind) {
    case "generic": {
      const key = Buffer.from(secret.slice("whsec_".length), "base64");
      return { "webhook-id": id, "webhook-timestamp": seconds, "webhook-signature": `v1,${createHmac("sha256", key).update(`${id}.${seconds}.${body}`).digest("base64")}` };
    }
    case "zammad":
      return { "x-hub-signature": `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`, "x-zammad-delivery": id };
    case "chatwoot":
      return { "x-chatwoot-signature": `sha256=${createHmac("sha256", secret).update(`${seconds}.${body}`).digest("hex")}`, "x-chatwoot-timestamp": seconds, "x-chatwoot-delivery": id };
    case "zendesk": {
      const stamp = at.toISOString().replace(/\.\d{3}Z$/, "Z");
      return { "x-zendesk-webhook-signature": createHmac("sha256", secret).update(stamp + body).digest("base64"), "x-zendesk-webhook-signature-timestamp": stamp, "x-zendesk-webhook-invocation-id": id };
    }
    case "freshdesk":
      return { authorization: `Basic ${Buffer.from(`${opts.basicAuthUser ?? "replaydesk"}:${secret}`).toString("base64")}` };
  }
}

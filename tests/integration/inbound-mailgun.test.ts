import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/inbound/mailgun/mime/route";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { replyAddressFor } from "@/lib/mail/reply-address";
import { account, newSite, testEmail } from "@/tests/support/factories";
import { inboundFixture } from "@/tests/support/inbound-mail";

// Mailgun's inbound route posting a reply by email (forward() to …/mime), into the same pipeline
// as the SMTP server: verified by its signature, fresh, each token once.

const SIGNING_KEY = randomBytes(24).toString("hex");
// Read once by env(), on the first call (after this file's module body has run).
process.env.MAILGUN_SIGNING_KEY = SIGNING_KEY;

async function world() {
  const site = await newSite("Mailgun shop", ["https://mailgun-shop.example"]);
  const customer = await account(testEmail("mailgun-customer"));
  const ticket = await db().ticket.create({ data: { siteId: site.id, customerId: customer.userId, subject: "Invoice address" } });
  const address = await replyAddressFor(db(), ticket.id, customer.userId);
  return { customer, ticket, address };
}

type Post = { timestamp: string; token: string; signature: string; "body-mime": string; recipient: string; sender: string };

function signedPost(raw: Buffer, envelope: { sender: string; recipient: string }, opts: { at?: Date; key?: string } = {}): Post {
  const timestamp = String(Math.floor((opts.at ?? new Date()).getTime() / 1000));
  const token = randomBytes(25).toString("hex");
  const signature = createHmac("sha256", opts.key ?? SIGNING_KEY).update(timestamp + token).digest("hex");
  return { timestamp, token, signature, "body-mime": raw.toString("utf8"), ...envelope };
}

function send(post: Post, encoding: "multipart" | "urlencoded" = "multipart") {
  const form = new FormData();
  for (const [k, v] of Object.entries(post)) form.append(k, v);
  const body = encoding === "multipart" ? form : new URLSearchParams(post);
  return POST(new Request("http://localhost/api/v1/inbound/mailgun/mime", { method: "POST", body }));
}

const customerReply = async () => {
  const w = await world();
  const raw = inboundFixture("gmail", { FROM: w.customer.email, TO: w.address, TICKET: w.ticket.id });
  return { ...w, raw, envelope: { sender: w.customer.email, recipient: w.address } };
};
const messagesOf = (ticketId: string) => db().ticketMessage.findMany({ where: { ticketId } });

describe("replies by email through Mailgun's inbound route", () => {
  it("a correctly signed post lands the reply (multipart or form-encoded)", async () => {
    const { ticket, raw, envelope } = await customerReply();
    const res = await send(signedPost(raw, envelope));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, result: "landed" });
    expect(await messagesOf(ticket.id)).toMatchObject([{ authorRole: "customer", via: "email", body: expect.stringMatching(/^Thanks, the parcel page works again now\./) as unknown }]);

    const second = await customerReply();
    expect((await send(signedPost(second.raw, second.envelope), "urlencoded")).status).toBe(200);
    expect(await messagesOf(second.ticket.id)).toHaveLength(1);
  });

  it("a bad signature is a 401 and changes nothing", async () => {
    const { ticket, raw, envelope } = await customerReply();
    const forged = signedPost(raw, envelope, { key: "not-the-signing-key" });
    const res = await send(forged);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/signature/);
    expect(await messagesOf(ticket.id)).toEqual([]);
    expect(await db().inboundDelivery.findUnique({ where: { key: `mailgun:${forged.token}` } })).toBeNull();
  });

  it("a post signed more than 5 minutes ago is a 401", async () => {
    const { ticket, raw, envelope } = await customerReply();
    const res = await send(signedPost(raw, envelope, { at: new Date(Date.now() - 6 * 60_000) }));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/5 minutes/);
    expect(await messagesOf(ticket.id)).toEqual([]);
  });

  it("a replayed post (same token) is refused; the reply lands once", async () => {
    const { ticket, raw, envelope } = await customerReply();
    const post = signedPost(raw, envelope);
    expect((await send(post)).status).toBe(200);
    const replay = await send(post);
    expect(replay.status).toBe(409);
    expect(await messagesOf(ticket.id)).toHaveLength(1);
  });

  it("a post without the raw message is a 400 naming the field", async () => {
    const { raw, envelope } = await customerReply();
    const form = new FormData();
    for (const [k, v] of Object.entries(signedPost(raw, envelope))) if (k !== "body-mime") form.append(k, v);
    const res = await POST(new Request("http://localhost/api/v1/inbound/mailgun/mime", { method: "POST", body: form }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/body-mime/);
  });

  it("is a 404 when MAILGUN_SIGNING_KEY is unset", async () => {
    const { raw, envelope } = await customerReply();
    const config = env();
    config.MAILGUN_SIGNING_KEY = undefined;
    try {
      const res = await send(signedPost(raw, envelope));
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/MAILGUN_SIGNING_KEY/);
    } finally {
      config.MAILGUN_SIGNING_KEY = SIGNING_KEY;
    }
  });
});

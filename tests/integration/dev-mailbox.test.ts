import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { startMailCatcher } from "@/lib/mail/catcher";

// Finding H5: /dev/mailbox shows every sign-in and approval link, so it answers only the machine
// it runs on. The peer is the last X-Forwarded-For entry, the one `npm start`'s server
// (scripts/serve.mjs) appends from the socket; earlier entries are whatever the client sent.
const request = vi.hoisted(() => ({ forwardedFor: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": request.forwardedFor }) }));

const { default: MailboxPage } = await import("@/app/dev/mailbox/page");
const { default: MailPage } = await import("@/app/dev/mailbox/[id]/page");

const list = () => MailboxPage({ searchParams: Promise.resolve({}) });
const one = () => MailPage({ params: Promise.resolve({ id: "1-000000000000" }) });

describe("/dev/mailbox (finding H5)", () => {
  it("refuses a peer that is not on this machine, whatever the client claims before it", async () => {
    for (const forwardedFor of ["198.51.100.7", "127.0.0.1, 198.51.100.7", "::1, 2001:db8::7", "192.0.2.2", ""]) {
      request.forwardedFor = forwardedFor;
      await expect(list(), forwardedFor).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
      await expect(one(), forwardedFor).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    }
  });

  it("answers loopback peers", async () => {
    for (const forwardedFor of ["127.0.0.1", "198.51.100.7, 127.0.0.1", "::1", "::ffff:127.0.0.1", "127.0.3.4"]) {
      request.forwardedFor = forwardedFor;
      await expect(list(), forwardedFor).resolves.toBeTruthy();
    }
  });
});

describe("the mail catcher", () => {
  it("keeps caught mail for a day at most", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "rd-purge-"));
    const old = `${Date.now() - 25 * 3600_000}-aaaaaaaaaaaa.eml`;
    const recent = `${Date.now() - 3600_000}-bbbbbbbbbbbb.eml`;
    for (const name of [old, recent]) writeFileSync(path.join(dir, name), "Subject: x\r\n\r\nx");
    const catcher = await startMailCatcher({ port: 2900 + Math.floor(Math.random() * 90), dir });
    await catcher.close();
    expect(readdirSync(dir)).toEqual([recent]);
  });
});

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db/client";

// Finding L4: a copy of the database must not hand out live sessions. next-auth resolves the
// session cookie through the adapter's getSessionAndUser, so that is where a stolen value is tried.
describe("session tokens (finding L4)", () => {
  it("stores only a hash of the cookie value, and a token read from the database does not sign in", async () => {
    const adapter = authOptions().adapter!;
    const email = `l4-${randomBytes(4).toString("hex")}@t.example`;
    const user = await db().user.create({ data: { email } });
    const cookie = randomBytes(32).toString("hex");
    const expires = new Date(Date.now() + 3600_000);

    const created = await adapter.createSession!({ sessionToken: cookie, userId: user.id, expires });
    expect(created.sessionToken).toBe(cookie);
    expect(await db().session.count({ where: { sessionToken: cookie } })).toBe(0);
    const stored = await db().session.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.sessionToken).not.toContain(cookie);

    expect(await adapter.getSessionAndUser!(stored.sessionToken)).toBeNull();
    const signedIn = await adapter.getSessionAndUser!(cookie);
    expect(signedIn?.user.email).toBe(email);
    expect(signedIn?.session.sessionToken).toBe(cookie);

    const later = new Date(Date.now() + 7200_000);
    await adapter.updateSession!({ sessionToken: cookie, expires: later });
    expect((await db().session.findUniqueOrThrow({ where: { id: stored.id } })).expires.getTime()).toBe(later.getTime());
    await adapter.deleteSession!(stored.sessionToken);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(1);
    await adapter.deleteSession!(cookie);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
  });
});

import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

// The next-auth route's own code, in front of next-auth: the bounded body (finding H3), the
// per-address magic-link limit (L7) and the magic-link callback that only a same-origin POST
// reaches (L6). next-auth itself is replaced by a recorder of what reaches it; the real sign-in
// runs end to end in tests/e2e/sign-in.spec.ts.
const reached = vi.hoisted(() => ({ requests: [] as Request[] }));
vi.mock("next-auth", () => ({
  default: () => async (req: Request) => {
    reached.requests.push(req);
    return Response.json({ url: "http://localhost/signin/check-email" });
  },
}));

const route = await import("@/app/api/auth/[...nextauth]/route");
const { env } = await import("@/lib/config/env");

const ctx = (path: string) => ({ params: Promise.resolve({ nextauth: path.split("/") }) });
const client = () => `198.18.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
const origin = () => new URL(env().APP_URL).origin;

function form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${origin()}/api/auth/${path}`, {
    method: "POST",
    headers: { origin: origin(), "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": client(), ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

beforeEach(() => {
  reached.requests = [];
});

describe("next-auth route: bounded bodies (finding H3)", () => {
  it("cuts a chunked sign-in body off at its limit with 413, before next-auth or the limits read it", async () => {
    const pulled = { bytes: 0 };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.bytes >= 8 * 1024 * 1024) return controller.close();
        pulled.bytes += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
      },
    });
    const req = new Request(`${origin()}/api/auth/signin/email`, {
      method: "POST",
      headers: { origin: origin(), "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": client() },
      body,
      duplex: "half",
    } as RequestInit);
    const res = await route.POST(req, ctx("signin/email"));
    expect(res.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(128 * 1024);
    expect(reached.requests).toHaveLength(0);
  });
});

describe("next-auth route: the per-address magic-link limit (finding L7)", () => {
  it("counts Unicode and case variants of one address as that address (NFKC, trim, lowercase)", async () => {
    const local = `l7${randomBytes(4).toString("hex")}`;
    const fullWidth = (s: string) => [...s].map((c) => (/[a-z0-9]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");
    const variants = [`${local}@demo.test`, `${fullWidth(local)}@demo.test`, ` ${local.toUpperCase()}@DEMO.test `, `${fullWidth(local.slice(0, 2))}${local.slice(2)}@ｄｅｍｏ.test`, `${local}@demo.ｔｅｓｔ`];
    for (const email of variants) {
      const res = await route.POST(form("signin/email", { email, csrfToken: "x" }), ctx("signin/email"));
      expect(res.status, email).toBe(200);
    }
    const sixth = await route.POST(form("signin/email", { email: `${fullWidth(local[0]!)}${local.slice(1)}@demo.test`, csrfToken: "x" }), ctx("signin/email"));
    expect(sixth.status).toBe(429);
    expect(reached.requests).toHaveLength(5);
  });
});

describe("next-auth's address normaliser (finding L7)", () => {
  it("is normalizeEmail, so a link is mailed to the very address the limit counted", async () => {
    const { authOptions } = await import("@/lib/auth/options");
    const { normalizeEmail } = await import("@/lib/users/grants");
    const provider = authOptions().providers[0] as unknown as { options: { normalizeIdentifier(email: string): string } };
    for (const variant of ["ａgent@demo.test", " AGENT@Demo.Test ", "ａｇｅｎｔ@ｄｅｍｏ.test"]) {
      expect(provider.options.normalizeIdentifier(variant)).toBe("agent@demo.test");
      expect(normalizeEmail(variant)).toBe("agent@demo.test");
    }
    for (const invalid of ["agent", "a@b@demo.test", "agent@demo", '"a"@demo.test', "a@demo.test,evil@x.test"]) {
      expect(() => provider.options.normalizeIdentifier(invalid), invalid).toThrow();
    }
  });
});

describe("next-auth route: the magic-link callback (finding L6)", () => {
  const link = (token: string) => `${origin()}/api/auth/callback/email?${new URLSearchParams({ callbackUrl: `${origin()}/account`, token, email: "someone@demo.test" })}`;

  it("a GET of the emailed link (a cross-site top-level navigation) never reaches next-auth: it opens the confirmation page", async () => {
    const token = randomBytes(32).toString("hex");
    const res = await route.GET(new Request(link(token), { headers: { "sec-fetch-site": "cross-site", "x-forwarded-for": client() } }), ctx("callback/email"));
    expect(reached.requests).toHaveLength(0);
    expect([302, 303, 307]).toContain(res.status);
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toBe("/signin/confirm");
    // The token moves to the fragment, which browsers never send to a server.
    expect(location.search).toBe("");
    expect(new URLSearchParams(location.hash.slice(1)).get("token")).toBe(token);
  });

  it("a cross-site POST to the callback is refused before next-auth", async () => {
    const crossSite: Record<string, string>[] = [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }];
    for (const headers of crossSite) {
      const res = await route.POST(form("callback/email", { token: "t".repeat(64), email: "someone@demo.test" }, headers), ctx("callback/email"));
      expect(res.status).toBe(403);
    }
    expect(reached.requests).toHaveLength(0);
  });

  it("the confirmation page's same-origin POST reaches next-auth's email callback with the token and address", async () => {
    const token = randomBytes(32).toString("hex");
    await route.POST(form("callback/email", { token, email: "someone@demo.test", callbackUrl: "/account" }), ctx("callback/email"));
    expect(reached.requests).toHaveLength(1);
    const url = new URL(reached.requests[0]!.url);
    expect(url.pathname).toBe("/api/auth/callback/email");
    expect(url.searchParams.get("token")).toBe(token);
    expect(url.searchParams.get("email")).toBe("someone@demo.test");
    expect(url.searchParams.get("callbackUrl")).toBe("/account");
  });
});

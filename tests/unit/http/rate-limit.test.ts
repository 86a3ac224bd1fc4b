import { afterEach, describe, expect, it, vi } from "vitest";
import { clientKey, rateLimit } from "@/lib/http/rate-limit";
import { errorResponse } from "@/lib/http/respond";

const withXff = (value?: string) => new Request("http://localhost/", { headers: value === undefined ? {} : { "x-forwarded-for": value } });

describe("clientKey", () => {
  it("takes the last X-Forwarded-For entry: the one the nearest proxy wrote, not what the client claimed", () => {
    expect(clientKey(withXff("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientKey(withXff("10.1.2.3, 198.51.100.4, 203.0.113.9"))).toBe("203.0.113.9");
    expect(clientKey(withXff(" 1.1.1.1 ,  203.0.113.9 "))).toBe("203.0.113.9");
    expect(clientKey(withXff())).toBe("unknown");
    expect(clientKey(withXff(""))).toBe("unknown");
  });

  it("keys IPv4-mapped addresses as IPv4 and IPv6 addresses by their /64", () => {
    expect(clientKey(withXff("::ffff:127.0.0.1"))).toBe("127.0.0.1");
    expect(clientKey(withXff("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))).toBe("2001:db8:1:2::/64");
    expect(clientKey(withXff("2001:db8:1:2::1"))).toBe("2001:db8:1:2::/64");
    expect(clientKey(withXff("2001:db8::1"))).toBe("2001:db8:0:0::/64");
    expect(clientKey(withXff("::1"))).toBe("0:0:0:0::/64");
    expect(clientKey(withXff("2001:0DB8:0001:0002::ffff"))).toBe(clientKey(withXff("2001:db8:1:2:1:2:3:4")));
  });
});

describe("rateLimit", () => {
  it("refuses past the limit within the window, and counts again in the next one", () => {
    const key = `t-${Math.random()}`;
    for (let i = 0; i < 3; i++) rateLimit(key, 3, 1000, 10_000);
    expect(() => rateLimit(key, 3, 1000, 10_500)).toThrow(/Too many requests/);
    expect(() => rateLimit(key, 3, 1000, 11_000)).not.toThrow();
  });

  it("filling the table with other keys does not reset the count of a client that keeps sending", () => {
    const key = `abuser-${Math.random()}`;
    const now = Date.now();
    for (let i = 0; i < 5; i++) rateLimit(key, 5, 60_000, now);
    for (let i = 0; i < 120_000; i++) {
      rateLimit(`noise-${i}-${Math.random()}`, 5, 60_000, now);
      if (i % 1000 === 0) expect(() => rateLimit(key, 5, 60_000, now)).toThrow(/Too many requests/);
    }
    expect(() => rateLimit(key, 5, 60_000, now)).toThrow(/Too many requests/);
  });
});

describe("errorResponse", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers a generic 500 and logs the error's class and place, never its message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const err = Object.assign(new Error("Invalid value for argument `email`: \"someone@example.test\""), { code: "P2009" });
    const res = errorResponse(err);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("someone@example.test");
    const line = log.mock.calls.flat().join(" ");
    expect(line).toContain("Error P2009");
    expect(line).not.toContain("someone@example.test");
  });
});

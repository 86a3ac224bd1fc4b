import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isIdLike, isSensitivePage, maskPath, maskUrl, recordedPage } from "@/lib/replay/page-path";

describe("id-like path segments (privacy point 7)", () => {
  it.each([
    "3f9c2a1b-8d4e-4f6a-9b0c-1d2e3f4a5b6c", // UUID
    "8812", "order-12345", "jane-doe-1985-04-12", // 4+ digits
    "a1b2c3d4e5f6", "DEADBEEFCAFE0000", // hex of 12+
    "jane.doe@example.com", "jane.doe%40example.com", // emails, encoded too
    "dGhpcyBpcyBhIHRva2Vu", "Ab_cdefghijklmnop", "k3j4h5g6f7d8s9a0q1", // base64url tokens of 16+
  ])("%s is an identifier", (segment) => expect(isIdLike(segment)).toBe(true));

  it.each(["shop", "checkout", "brass-desk-lamp", "size-10-pack-of-two", "orders", "2fa", "v2", "merino-hiking-socks-for-winter"])("%s is not", (segment) => {
    expect(isIdLike(segment)).toBe(false);
  });
});

describe("maskPath and maskUrl", () => {
  it("shows no segment of a site that lists none, and only the listed ones otherwise", () => {
    expect(maskPath("/demo/shop", [])).toBe("/:id/:id");
    expect(maskPath("/demo/shop/", ["demo", "shop"])).toBe("/demo/shop/");
    expect(maskPath("/account/orders/88123", ["account", "orders", "88123"])).toBe("/account/orders/:id");
    expect(maskPath("/clinic/hiv-test", ["*"])).toBe("/clinic/hiv-test");
    expect(maskPath("/clinic/hiv-test", ["clinic"])).toBe("/clinic/:id");
  });

  it("drops queries, fragments, userinfo and the payload of other schemes", () => {
    expect(maskUrl("https://jane:pw@shop.example/a/b?email=jane@x#t", ["*"])).toBe("https://shop.example/a/b");
    expect(maskUrl("mailto:jane@example.com", ["*"])).toBe("mailto:");
    expect(maskUrl("//cdn.example/u/jane.doe@example.com/avatar", ["*"])).toBe("//cdn.example/u/:id/avatar");
    expect(maskUrl("orders/8812?x", ["*"])).toBe("orders/:id");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.subarray(["*", "a", "b", "shop"]), (url, allow) => {
        const once = maskUrl(url, allow);
        expect(maskUrl(once, allow)).toBe(once);
      }),
    );
  });
});

describe("recordedPage (the page list of a recording)", () => {
  const origins = ["https://shop.example"];
  it("keeps origin and masked path on an allowed origin only (security review L9)", () => {
    expect(recordedPage("https://shop.example/customers/jane-doe-1985-04-12?x=1", origins, ["customers"])).toBe("https://shop.example/customers/:id");
    expect(recordedPage("https://replaydesk-verify.evil.example/login", origins, ["*"])).toBeNull();
    expect(recordedPage("not a url", origins, ["*"])).toBeNull();
  });
});

describe("sensitive pages", () => {
  const patterns = ["/account/*", "/health/*", "/checkout/payment"];
  it.each([
    "https://shop.example/account", "https://shop.example/account/", "https://shop.example/account/orders/12",
    "/health/hiv-test", "https://shop.example/HEALTH/x", "https://shop.example/%68ealth/x", "https://shop.example//account//x",
    "https://shop.example/checkout/payment?step=2",
  ])("%s is sensitive", (url) => expect(isSensitivePage(url, patterns)).toBe(true));

  it.each(["https://shop.example/", "https://shop.example/accounts", "https://shop.example/checkout", "https://shop.example/shop/health"])("%s is not", (url) => {
    expect(isSensitivePage(url, patterns)).toBe(false);
  });

  it("matches nothing without patterns, and * anywhere in a pattern", () => {
    expect(isSensitivePage("https://shop.example/account", [])).toBe(false);
    expect(isSensitivePage("https://shop.example/u/42/medical", ["/u/*/medical"])).toBe(true);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "@/lib/ui/api";

const answer = (status: number, body: unknown) => vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));

describe("api() and ApiError (the one client fetcher)", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("turns a 400 into an ApiError with the status, the message and the per-field issues, first message per field", async () => {
    const issues = [
      { path: "allowedOrigins.0", message: "is not an origin" },
      { path: "allowedOrigins.1", message: "is not an origin either" },
      { path: "", message: "Unrecognized key: \"x\"" },
    ];
    vi.stubGlobal("fetch", answer(400, { error: { code: "bad_request", message: "allowedOrigins.0: is not an origin; …", issues } }));
    const error = await api("/api/v1/admin/sites/s1", { method: "PATCH", body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, message: "allowedOrigins.0: is not an origin; …", issues, fields: { allowedOrigins: "is not an origin" } });
  });

  it("an error without issues has none; a server out of reach is status 0 with a readable message", async () => {
    vi.stubGlobal("fetch", answer(403, { error: { code: "forbidden", message: "Not yours." } }));
    await expect(api("/x")).rejects.toMatchObject({ status: 403, message: "Not yours.", issues: [], fields: {} });
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(api("/x")).rejects.toMatchObject({ status: 0, message: expect.stringMatching(/could not be reached/) });
  });

  it("sends a body as JSON and answers the parsed JSON", async () => {
    const fetch = answer(201, { id: "t1" });
    vi.stubGlobal("fetch", fetch);
    expect(await api<{ id: string }>("/api/v1/me/tickets", { method: "POST", body: { subject: "Hi" } })).toEqual({ id: "t1" });
    expect(fetch).toHaveBeenCalledWith("/api/v1/me/tickets", expect.objectContaining({ method: "POST", body: '{"subject":"Hi"}', headers: { "Content-Type": "application/json" } }));
  });
});

import { describe, expect, it } from "vitest";
import { parseSdkConfig, fetchSdkConfig } from "@/lib/recorder/config";
import { config, fakeFetch } from "./fakes";

const KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" + "A".repeat(64);

describe("parseSdkConfig", () => {
  it("accepts the server's config", () => {
    const c = config({ maskingMode: "M2", vaultPublicKey: KEY, maskSelectors: [" .a "], blockSelectors: ["#x"] });
    expect(parseSdkConfig(c)).toEqual({ ...c, maskSelectors: [".a"] });
  });

  it("clamps numbers into their allowed ranges", () => {
    const parsed = parseSdkConfig(config({ bufferMinutes: 10_000, samplingRate: 7, maxSessionMinutes: 0 }));
    expect(parsed).toMatchObject({ bufferMinutes: 60, samplingRate: 1, maxSessionMinutes: 5 });
  });

  it("never keeps a vault key in M3", () => {
    expect(parseSdkConfig(config({ maskingMode: "M3", vaultPublicKey: KEY }))?.vaultPublicKey).toBeNull();
  });

  it("refuses anything it does not understand (then nothing is recorded)", () => {
    const bad: unknown[] = [
      null,
      "x",
      { ...config(), maskingMode: "M0" },
      { ...config(), recordingMode: "always" },
      { ...config(), triggers: ["ticket", "pageview"] },
      { ...config(), blockSelectors: "input" },
      { ...config(), maskSelectors: [1] },
      { ...config(), samplingRate: "1" },
      { ...config(), vaultPublicKey: "<script>" },
    ];
    for (const value of bad) expect(parseSdkConfig(value)).toBeNull();
  });
});

describe("fetchSdkConfig", () => {
  it("GETs the config without credentials and validates it", async () => {
    const net = fakeFetch(() => ({ status: 200, body: config() }));
    expect(await fetchSdkConfig(net.fetch, "https://desk.test", "pk_0123456789abcdef0123")).toEqual(config());
    expect(net.calls[0]?.url).toBe("https://desk.test/api/v1/sdk-config?siteKey=pk_0123456789abcdef0123");
    expect(net.calls[0]?.init).toMatchObject({ method: "GET", credentials: "omit" });
  });

  it("returns null on errors", async () => {
    expect(await fetchSdkConfig(fakeFetch(() => ({ status: 404, body: {} })).fetch, "https://d.test", "pk_0123456789abcdef0123")).toBeNull();
    expect(await fetchSdkConfig(fakeFetch(() => "network-error").fetch, "https://d.test", "pk_0123456789abcdef0123")).toBeNull();
  });
});

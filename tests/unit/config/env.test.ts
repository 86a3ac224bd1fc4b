import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";

const valid = {
  DATABASE_URL: "file:./data/x.db",
  APP_URL: "http://localhost:3000",
  AUTH_SECRET: "a".repeat(40),
  MASTER_KEY: Buffer.alloc(32, 7).toString("base64"),
  PSEUDONYM_SECRET: "p".repeat(40),
};

describe("environment validation", () => {
  it("accepts a complete local configuration and fills defaults", () => {
    const env = parseEnv(valid);
    expect(env.MAILBOX_SMTP_PORT).toBe(2525);
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("lists every missing or invalid variable in one message, without values", () => {
    const secretish = "short-secret-value";
    let message = "";
    try {
      parseEnv({ DATABASE_URL: "mysql://x", AUTH_SECRET: secretish, MASTER_KEY: "abc" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("DATABASE_URL: must start with file:, postgres:// or postgresql://");
    expect(message).toContain("APP_URL: is missing");
    expect(message).toContain("AUTH_SECRET: must be at least 32 characters");
    expect(message).toContain("MASTER_KEY: must be 32 random bytes");
    expect(message).toContain("PSEUDONYM_SECRET: is missing");
    expect(message).not.toContain(secretish);
  });

  it("treats an empty variable as unset and accepts PostgreSQL URLs", () => {
    const env = parseEnv({ ...valid, SMTP_URL: "", DATABASE_URL: "postgresql://u@127.0.0.1:5432/db" });
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("requires https for a public APP_URL in production", () => {
    expect(() => parseEnv({ ...valid, NODE_ENV: "production", APP_URL: "http://desk.example.com" })).toThrow(/APP_URL: must use https/);
    expect(parseEnv({ ...valid, NODE_ENV: "production", APP_URL: "https://desk.example.com" }).APP_URL).toBe("https://desk.example.com");
  });
});

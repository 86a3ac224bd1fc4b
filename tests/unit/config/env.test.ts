import { describe, expect, it } from "vitest";
import { devMailboxEnabled, parseEnv } from "@/lib/config/env";

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

  it("names the provider running Replaydesk (HOSTED_BY) only when set, and checks it", () => {
    expect(parseEnv(valid).HOSTED_BY).toBeUndefined();
    expect(parseEnv({ ...valid, HOSTED_BY: "  Acme Hosting SAS " }).HOSTED_BY).toBe("Acme Hosting SAS");
    expect(() => parseEnv({ ...valid, HOSTED_BY: "x" })).toThrow(/HOSTED_BY: must be 2 to 200 characters/);
  });

  it("requires https for a public APP_URL in production", () => {
    const smtp = { SMTP_URL: "smtp://mail.example.com:587" };
    expect(() => parseEnv({ ...valid, ...smtp, NODE_ENV: "production", APP_URL: "http://desk.example.com" })).toThrow(/APP_URL: must use https/);
    expect(parseEnv({ ...valid, ...smtp, NODE_ENV: "production", APP_URL: "https://desk.example.com" }).APP_URL).toBe("https://desk.example.com");
  });

  // Finding H5: the mail catcher and /dev/mailbox show every sign-in and approval link.
  it("runs the local mail catcher only for a local demo: a loopback APP_URL and no SMTP_URL", () => {
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3000", "http://127.8.9.1", "http://[::1]:3000/"]) {
      expect(devMailboxEnabled(parseEnv({ ...valid, NODE_ENV: "production", APP_URL: url })), url).toBe(true);
    }
    expect(devMailboxEnabled(parseEnv({ ...valid, SMTP_URL: "smtp://127.0.0.1:25" }))).toBe(false);
    expect(devMailboxEnabled(parseEnv({ ...valid, APP_URL: "https://desk.example.com", SMTP_URL: "smtps://u:p@mail.example.com:465" }))).toBe(false);
  });

  it("refuses any other APP_URL without SMTP_URL, in one sentence", () => {
    for (const url of ["https://desk.example.com", "http://192.0.2.2:3000", "http://localhost.example.com", "http://0.0.0.0:3000", "http://[::ffff:c000:202]/"]) {
      for (const NODE_ENV of ["development", "production"]) {
        let message = "";
        try {
          parseEnv({ ...valid, NODE_ENV, APP_URL: url, SMTP_URL: "" });
        } catch (e) {
          message = (e as Error).message;
        }
        const lines = message.split("\n").filter((l) => l.includes("SMTP_URL"));
        expect(lines, `${url} ${NODE_ENV}`).toHaveLength(1);
        // One sentence: no full stop inside it.
        expect(lines[0]).not.toMatch(/\.\s/);
        expect(lines[0]).toContain("loopback");
      }
    }
  });

  it("accepts HOST, the address npm start listens on", () => {
    expect(parseEnv({ ...valid, HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
    expect(parseEnv(valid).HOST).toBeUndefined();
  });
});

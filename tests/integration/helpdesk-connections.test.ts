// Helpdesk connections from the site's admin page (helpdesk:manage, per site): connect with an
// optional notes API (Zammad, Chatwoot), the secret shown once and the API token never, rotate,
// disconnect; the notes API URL is refused for internal addresses unless allow-listed, and for a
// helpdesk that takes no notes.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";

const { db } = await import("@/lib/db/client");
const { connectSiteHelpdesk, disconnectSiteHelpdesk, listSiteConnections, openConnectionApiToken, openConnectionSecret, rotateSiteConnectionSecret } = await import("@/lib/helpdesk/connections");
const { account, newSite, testEmail } = await import("@/tests/support/factories");

const ORIGIN = "https://connections-shop.example";
const TOKEN = "zammad-api-token-0123456789abcdef";

describe("helpdesk connections on the site's admin page", () => {
  it("connect, list (no secret, no token), rotate, disconnect; audited as the admin", async () => {
    const site = await newSite("Connections", [ORIGIN]);
    const admin = await account(testEmail("hd-admin"), [{ role: "admin", siteId: site.id }]);
    const created = await connectSiteHelpdesk(admin, site.id, { kind: "zammad", name: "Support Zammad", frameOrigins: ["https://zammad.example/x"], apiUrl: "http://127.0.0.1:4950/", apiToken: TOKEN });
    expect(created).toMatchObject({ siteId: site.id, kind: "zammad", apiUrl: "http://127.0.0.1:4950" });
    expect(created.secret.length).toBeGreaterThan(20);
    const row = await db().helpdeskConnection.findUniqueOrThrow({ where: { id: created.id }, omit: { secretSealed: false, apiTokenSealed: false } });
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(openConnectionApiToken({ id: row.id, apiTokenSealed: row.apiTokenSealed! })).toBe(TOKEN);
    // Sealed under purposes of their own: the token does not open as the secret.
    expect(() => openConnectionSecret({ id: row.id, secretSealed: row.apiTokenSealed! })).toThrow();

    const listed = await listSiteConnections(admin, site.id);
    expect(listed).toEqual([
      { id: created.id, kind: "zammad", name: "Support Zammad", webhookUrl: created.webhookUrl, frameOrigins: ["https://zammad.example"], apiUrl: "http://127.0.0.1:4950", basicAuthUser: null, tickets: 0, createdAt: expect.any(String), disabledAt: null },
    ]);
    expect(JSON.stringify(listed)).not.toContain(TOKEN);

    const rotated = await rotateSiteConnectionSecret(admin, site.id, created.id);
    expect(rotated.secret).not.toBe(created.secret);
    expect(await disconnectSiteHelpdesk(admin, site.id, created.id)).toEqual({ disconnected: true });
    expect(await disconnectSiteHelpdesk(admin, site.id, created.id)).toEqual({ disconnected: false });
    const audit = await db().auditEntry.findMany({ where: { targetId: created.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ["helpdesk.connect", admin.email],
      ["helpdesk.rotate-secret", admin.email],
      ["helpdesk.disconnect", admin.email],
    ]);
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });

  it("another site's admin, an agent, or another site's connection: not found", async () => {
    const site = await newSite("Connections A", [ORIGIN]);
    const other = await newSite("Connections B", [ORIGIN]);
    const admin = await account(testEmail("hd-admin-a"), [{ role: "admin", siteId: site.id }]);
    const otherAdmin = await account(testEmail("hd-admin-b"), [{ role: "admin", siteId: other.id }]);
    const agent = await account(testEmail("hd-agent"), [{ role: "agent" }]);
    const created = await connectSiteHelpdesk(admin, site.id, { kind: "generic" });
    for (const who of [otherAdmin, agent]) {
      await expect(listSiteConnections(who, site.id)).rejects.toMatchObject({ code: "not_found" });
      await expect(connectSiteHelpdesk(who, site.id, { kind: "generic" })).rejects.toMatchObject({ code: "not_found" });
      await expect(rotateSiteConnectionSecret(who, site.id, created.id)).rejects.toMatchObject({ code: "not_found" });
    }
    // The other site's admin names their own site, but this site's connection.
    await expect(disconnectSiteHelpdesk(otherAdmin, other.id, created.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await db().helpdeskConnection.findUniqueOrThrow({ where: { id: created.id } })).disabledAt).toBeNull();
  });

  it("refuses a notes API for other helpdesks, a Chatwoot URL without its account, an internal address, a URL without a token", async () => {
    const site = await newSite("Connections refusals", [ORIGIN]);
    const admin = await account(testEmail("hd-admin-r"), [{ role: "admin", siteId: site.id }]);
    const refusals: [Parameters<typeof connectSiteHelpdesk>[2], RegExp][] = [
      [{ kind: "zendesk", apiUrl: "https://z.example", apiToken: TOKEN }, /zammad and chatwoot only/],
      [{ kind: "chatwoot", apiUrl: "http://127.0.0.1:4950", apiToken: TOKEN }, /accounts\/3/],
      [{ kind: "zammad", apiUrl: "https://10.0.0.7", apiToken: TOKEN }, /loopback, private or reserved/],
      [{ kind: "zammad", apiUrl: "http://zammad.example", apiToken: TOKEN }, /https/],
      [{ kind: "zammad", apiUrl: "http://127.0.0.1:4950" }, /apiToken/],
      [{ kind: "zammad", apiToken: TOKEN }, /apiUrl/],
    ];
    for (const [input, message] of refusals) {
      const err = await connectSiteHelpdesk(admin, site.id, input).catch((e: unknown) => e);
      expect(err, JSON.stringify(input)).toMatchObject({ code: "bad_request", message: expect.stringMatching(message) });
      expect(String((err as Error).message)).not.toContain(TOKEN);
    }
    expect(await db().helpdeskConnection.count({ where: { siteId: site.id } })).toBe(0);
  });

  it("the CLI: --api-url with the token from HELPDESK_API_TOKEN or standard input, never printed", async () => {
    const site = await newSite("Connections CLI", [ORIGIN]);
    const admin = (args: string[], opts: { env?: Record<string, string>; input?: string } = {}) =>
      spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/admin.ts", ...args], { env: { ...process.env, ...opts.env }, input: opts.input, encoding: "utf8", timeout: 120_000 });
    const connect = ["connect-helpdesk", "--site", site.id, "--kind", "zammad", "--api-url", "http://127.0.0.1:4950"];
    const fromEnv = admin(connect, { env: { HELPDESK_API_TOKEN: TOKEN } });
    expect(fromEnv.status, fromEnv.stderr).toBe(0);
    expect(fromEnv.stdout).toContain("Internal notes: written to http://127.0.0.1:4950");
    const fromStdin = admin([...connect, "--api-token-stdin"], { input: `${TOKEN}-stdin\n` });
    expect(fromStdin.status, fromStdin.stderr).toBe(0);
    for (const r of [fromEnv, fromStdin]) expect(r.stdout + r.stderr).not.toContain(TOKEN);
    const rows = await db().helpdeskConnection.findMany({ where: { siteId: site.id }, orderBy: { createdAt: "asc" }, select: { id: true, apiTokenSealed: true } });
    expect(rows.map((r) => openConnectionApiToken({ id: r.id, apiTokenSealed: r.apiTokenSealed! }))).toEqual([TOKEN, `${TOKEN}-stdin`]);
    // No token anywhere: refused before anything is written.
    const without = admin(connect, { env: { HELPDESK_API_TOKEN: "" } });
    expect(without.status).toBe(2);
    expect(without.stderr).toContain("HELPDESK_API_TOKEN");
    expect(await db().helpdeskConnection.count({ where: { siteId: site.id } })).toBe(2);
  }, 300_000);
});

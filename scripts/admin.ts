// npm run admin -- <command> – administration from the shell (bootstrap the first admin, sites).
import { parseArgs } from "node:util";
import { applyLocalDefaults } from "@/lib/runtime/local-defaults";
import { migrateDatabase } from "@/lib/runtime/migrate";

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-user --email E --role R     create an account (role: customer, agent, supervisor, admin)
  grant --email E --role R [--expires YYYY-MM-DD]
                                     grant a staff role (agent, supervisor, admin)
  revoke --email E --role R          revoke a staff role
  list-users                         accounts with their active roles
  access-review                      grants due for review within 14 days, overdue or suspended
  confirm-review --email E --role R  confirm a grant after review (next review in 90 days; lifts a
                                     suspension), e.g. for the only admin, who cannot review their own
  create-site --name N --origin URL [--origin URL ...]
                                     create a site; prints its public key and script tag
  list-sites                         sites with their keys and settings
  audit-verify                       check the audit log's integrity chain
  connect-helpdesk --site <id or pk_> --kind K [--name N] [--frame-origin URL ...] [--secret-stdin]
                   [--api-url URL [--api-token-stdin]]
                                     connect a helpdesk (generic, zammad, chatwoot, zendesk, freshdesk);
                                     prints its webhook URL and secret once (--secret-stdin: use the
                                     secret the helpdesk generated, e.g. Zendesk's, read from stdin).
                                     --api-url (zammad, chatwoot): write internal notes there, with the
                                     API token read from stdin (--api-token-stdin) or HELPDESK_API_TOKEN
  list-connections                   helpdesk connections with their webhook URLs (never the secrets)
  rotate-connection-secret --connection ID [--secret-stdin]
                                     a new webhook secret, printed once; the old one stops working
  disconnect --connection ID         the connection's webhook stops answering (404)
`;

class UsageError extends Error {}

// A secret the helpdesk generated is read from standard input, never from the command line
// (which other users of the machine can see).
async function secretFromStdin(flag = "--secret-stdin"): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const secret = Buffer.concat(chunks).toString("utf8").trim();
  if (!secret) throw new UsageError(`${flag}: nothing was read from standard input`);
  return secret;
}

// The helpdesk's API token for internal notes: standard input or HELPDESK_API_TOKEN, never argv.
async function apiTokenOf(values: { "api-url"?: string; "api-token-stdin"?: boolean; "secret-stdin"?: boolean }): Promise<string | undefined> {
  if (!values["api-url"]) {
    if (values["api-token-stdin"]) throw new UsageError("--api-token-stdin needs --api-url");
    return undefined;
  }
  if (values["api-token-stdin"] && values["secret-stdin"]) throw new UsageError("--secret-stdin and --api-token-stdin cannot both read standard input: pass the token in HELPDESK_API_TOKEN");
  if (values["api-token-stdin"]) return secretFromStdin("--api-token-stdin");
  const token = process.env.HELPDESK_API_TOKEN?.trim();
  if (!token) throw new UsageError("--api-url needs the helpdesk's API token: pipe it with --api-token-stdin or set HELPDESK_API_TOKEN");
  return token;
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      origin: { type: "string", multiple: true },
      expires: { type: "string" },
      site: { type: "string" },
      kind: { type: "string" },
      connection: { type: "string" },
      "frame-origin": { type: "string", multiple: true },
      "secret-stdin": { type: "boolean" },
      "api-url": { type: "string" },
      "api-token-stdin": { type: "boolean" },
    },
    strict: true,
  });
  Object.assign(process.env, applyLocalDefaults());
  migrateDatabase(process.env);
  const { isRole } = await import("@/lib/auth/policy");
  const by = { id: null, label: "cli" };
  const role = () => {
    const r = need(values.role, "--role");
    if (!isRole(r)) throw new UsageError(`unknown role "${r}"`);
    return r;
  };

  switch (command) {
    case "create-user": {
      const r = role();
      const email = need(values.email, "--email");
      const { ensureAccount, grantRole } = await import("@/lib/users/grants");
      const user = r === "customer" ? await ensureAccount(email) : (await grantRole({ email, role: r, by })).user;
      console.log(`Account ${user.email} is ready${r === "customer" ? " (customer)" : ` with the ${r} role`}.`);
      return 0;
    }
    case "grant": {
      const expires = values.expires ? new Date(`${values.expires}T00:00:00Z`) : null;
      if (expires && Number.isNaN(expires.getTime())) throw new UsageError("--expires must be a date like 2027-03-31");
      const { grantRole } = await import("@/lib/users/grants");
      const r = role();
      const { user, grant } = await grantRole({ email: need(values.email, "--email"), role: r, by, expiresAt: expires });
      console.log(`Granted ${r} to ${user.email}; review due ${grant.reviewDueAt.toISOString().slice(0, 10)}.`);
      return 0;
    }
    case "revoke": {
      const { revokeRole } = await import("@/lib/users/grants");
      const r = role();
      await revokeRole({ email: need(values.email, "--email"), role: r, by });
      console.log(`Revoked ${r} from ${values.email}.`);
      return 0;
    }
    case "list-users": {
      const { listUsers } = await import("@/lib/users/grants");
      const users = await listUsers();
      if (users.length === 0) console.log("No accounts yet.");
      for (const u of users) {
        const roles = u.roles.map((r) => `${r.role} (review ${r.reviewDueAt.toISOString().slice(0, 10)})`).join(", ") || "customer";
        console.log(`${u.email}\t${u.deactivated ? "deactivated" : roles}`);
      }
      return 0;
    }
    case "access-review": {
      const { grantsForReview } = await import("@/lib/users/review");
      const grants = await grantsForReview("all");
      if (grants.length === 0) console.log("No grant due for review in the next 14 days.");
      for (const g of grants) {
        const state = g.suspendedAt ? "SUSPENDED" : g.overdue ? "overdue" : "due";
        console.log(`${g.email}\t${g.role}${g.site ? ` on ${g.site}` : ""}\t${state} ${g.reviewDueAt.toISOString().slice(0, 10)}`);
      }
      return 0;
    }
    case "confirm-review": {
      const { confirmRoleReview, normalizeEmail } = await import("@/lib/users/grants");
      const r = role();
      const email = normalizeEmail(need(values.email, "--email"));
      for (const { reviewDueAt } of await confirmRoleReview({ email, role: r, by })) {
        console.log(`Confirmed ${r} of ${email}; next review due ${reviewDueAt.toISOString().slice(0, 10)}.`);
      }
      return 0;
    }
    case "create-site": {
      const { createSite, scriptTag } = await import("@/lib/sites/create-site");
      const site = await createSite({ name: need(values.name, "--name"), origins: values.origin ?? [], by });
      console.log(`Created site "${site.name}".\nPublic key: ${site.publicKey}\nPaste this into the site's pages:\n  ${scriptTag(process.env.APP_URL!, site.publicKey)}`);
      return 0;
    }
    case "list-sites": {
      const { listSites } = await import("@/lib/sites/list-sites");
      const sites = await listSites();
      if (sites.length === 0) console.log("No sites yet. Create one with: npm run admin -- create-site --name N --origin URL");
      for (const s of sites) {
        console.log(`${s.name}\t${s.publicKey}\t${s.maskingMode}\t${s.recordingMode}\tretention ${s.retentionHours} h\t${s.allowedOrigins.join(" ")}`);
      }
      return 0;
    }
    case "audit-verify": {
      const { verifyAuditChain } = await import("@/lib/audit/verify");
      const { checked, firstBreak } = await verifyAuditChain();
      if (firstBreak) {
        console.error(`Audit log is NOT intact: entry #${firstBreak.seq}: ${firstBreak.reason}.`);
        return 1;
      }
      console.log(`Audit log intact: ${checked} entries checked.`);
      return 0;
    }
    case "connect-helpdesk": {
      const { HELPDESK_KINDS } = await import("@/lib/helpdesk/verify");
      const kind = HELPDESK_KINDS.find((k) => k === values.kind);
      if (!kind) throw new UsageError(`--kind must be one of ${HELPDESK_KINDS.join(", ")}`);
      const { connectHelpdesk } = await import("@/lib/helpdesk/connections");
      const apiToken = await apiTokenOf(values);
      const secret = values["secret-stdin"] ? await secretFromStdin() : undefined;
      const c = await connectHelpdesk(by, { site: need(values.site, "--site"), kind, name: values.name, frameOrigins: values["frame-origin"], secret, apiUrl: values["api-url"], apiToken });
      console.log(`Connected ${kind} (connection ${c.id}).\nWebhook URL: ${c.webhookUrl}`);
      if (c.apiUrl) console.log(`Internal notes: written to ${c.apiUrl} (the API token is stored sealed and never shown).`);
      if (c.basicAuthUser) console.log(`Basic auth user: ${c.basicAuthUser}`);
      if (!secret) console.log(`${c.basicAuthUser ? "Basic auth password" : "Secret"}: ${c.secret}\nThe secret is shown this once; docs/integrations.md says where it goes in the helpdesk.`);
      return 0;
    }
    case "list-connections": {
      const { listConnections } = await import("@/lib/helpdesk/connections");
      const connections = await listConnections();
      if (connections.length === 0) console.log("No helpdesk connections yet. Create one with: npm run admin -- connect-helpdesk --site <id> --kind <kind>");
      for (const c of connections) {
        console.log(`${c.id}\t${c.kind}\t${c.name}\tsite ${c.site.name}\t${c._count.tickets} tickets\t${c.disabledAt ? "DISCONNECTED" : c.webhookUrl}${c.frameOrigins.length ? `\tframed by ${c.frameOrigins.join(" ")}` : ""}${c.apiUrl ? `\tnotes to ${c.apiUrl}` : ""}`);
      }
      return 0;
    }
    case "rotate-connection-secret": {
      const { rotateConnectionSecret } = await import("@/lib/helpdesk/connections");
      const given = values["secret-stdin"] ? await secretFromStdin() : undefined;
      const { secret } = await rotateConnectionSecret(by, need(values.connection, "--connection"), given);
      console.log(given ? "The connection now verifies with the secret given." : `New secret (shown this once; the old one no longer verifies): ${secret}`);
      return 0;
    }
    case "disconnect": {
      const { disconnectHelpdesk } = await import("@/lib/helpdesk/connections");
      const id = need(values.connection, "--connection");
      console.log((await disconnectHelpdesk(by, id)) ? `Disconnected ${id}: its webhook answers 404 from now on.` : `${id} was already disconnected.`);
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : "no command given");
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (err: unknown) => {
    if (err instanceof UsageError || (err instanceof TypeError && "code" in err && String(err.code).startsWith("ERR_PARSE_ARGS"))) {
      console.error(`Error: ${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    // Prisma's messages carry a long code excerpt; the last line is the one that explains.
    const message = err instanceof Error ? err.message.trim().split("\n").pop() : String(err);
    console.error(`Error: ${message}`);
    process.exit(1);
  },
);

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
`;

class UsageError extends Error {}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, origin: { type: "string", multiple: true }, expires: { type: "string" } },
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

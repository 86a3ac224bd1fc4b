import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { scopeFor, siteIdWhere, siteWhere, type SiteScope } from "@/lib/auth/scope";
import { linkingPseudonym, sitePseudonymKey } from "@/lib/crypto/pseudonym";
import { customerRecordings } from "@/lib/account/customer-rights";
import { normalizeEmail } from "@/lib/users/grants";
import type { SubjectQuery } from "@/lib/rights/schemas";

// The person a rights request names, limited to the sites the staff member's privacy:rights grant
// covers: by email, the account with its tickets there and their recordings (verified pseudonym
// links included); by pseudonym, the recordings of one site carrying it. A customer with nothing
// on those sites is not found, so staff of one site learn nothing about another's customers.
export type Subject =
  | { by: "email"; user: { id: string; email: string; createdAt: Date }; sites: SiteScope; recordingIds: string[] }
  | { by: "pseudonym"; site: { id: string; name: string }; recordingIds: string[] };

export const RIGHTS = "privacy:rights";

// Every value a verified pseudonym is stored as on this site: one per key version, since a
// rotation re-keys what is stored afterwards (lib/crypto/pseudonym.ts linkingPseudonym).
function storedPseudonyms(site: { id: string; pseudonymKeyVersion: number }, pseudonym: string): string[] {
  const versions = Array.from({ length: site.pseudonymKeyVersion }, (_, i) => i + 1);
  return versions.map((v) => linkingPseudonym(sitePseudonymKey(env().PSEUDONYM_SECRET, site.id, v), pseudonym));
}

export async function resolveSubject(actor: Actor, query: SubjectQuery): Promise<Subject | null> {
  if (query.by === "pseudonym") {
    const site = await db().site.findFirst({ where: { AND: [{ id: query.siteId }, siteWhere(actor, RIGHTS)] }, select: { id: true, name: true, pseudonymKeyVersion: true } });
    if (!site) throw new AppError("not_found", "No such site.");
    const recordings = await db().recording.findMany({ where: { siteId: site.id, pseudonymVerified: true, pseudonym: { in: storedPseudonyms(site, query.pseudonym) } }, select: { id: true } });
    return recordings.length > 0 ? { by: "pseudonym", site: { id: site.id, name: site.name }, recordingIds: recordings.map((r) => r.id) } : null;
  }
  const user = await db().user.findUnique({ where: { email: normalizeEmail(query.email) }, select: { id: true, email: true, createdAt: true } });
  if (!user) return null;
  const sites = scopeFor(actor, RIGHTS);
  const [tickets, recordings] = await Promise.all([
    db().ticket.count({ where: { customerId: user.id, ...siteIdWhere(actor, RIGHTS) } }),
    customerRecordings(db(), user.id, sites),
  ]);
  // Staff covering every site find any account; others only someone with data on their sites.
  if (sites !== "all" && tickets === 0 && recordings.allIds.length === 0) return null;
  return { by: "email", user, sites, recordingIds: recordings.allIds };
}

export function subjectNotFound(query: SubjectQuery): AppError {
  return new AppError(
    "not_found",
    query.by === "email"
      ? "Nobody with this email address has data on the sites you cover."
      : "No recording of this site carries this pseudonym as a verified one (only pseudonyms the publisher's backend signed are stored as such).",
  );
}

export async function requireSubject(actor: Actor, query: SubjectQuery): Promise<Subject> {
  const subject = await resolveSubject(actor, query);
  if (!subject) throw subjectNotFound(query);
  return subject;
}

// How the audit log names the person: their account id, or nothing (a pseudonym is not written
// down: the site and the number of recordings say enough).
export function auditTarget(subject: Subject | null) {
  return { type: "data-subject", id: subject?.by === "email" ? subject.user.id : null };
}

// The sites a staff member may search by pseudonym (the rights page's choice of site).
export async function rightsSites(actor: Actor) {
  return db().site.findMany({ where: siteWhere(actor, RIGHTS), orderBy: { name: "asc" }, select: { id: true, name: true } });
}

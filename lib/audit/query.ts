import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { scopeFor } from "@/lib/auth/scope";
import type { TAuditFilter } from "@/lib/audit/schemas";

export const AUDIT_PAGE_SIZE = 50;

const DAY_MS = 86_400_000;

// Visibility lives in the query: an admin whose grants cover some sites only sees those sites' entries.
export function auditWhereFor(actor: Actor, f: TAuditFilter) {
  const scope = scopeFor(actor, "audit:read");
  const scoped = scope === "all" ? undefined : { in: [...scope] };
  const siteId = f.site ? (scope !== "all" && !scope.includes(f.site) ? "__none__" : f.site) : scoped;
  return {
    ...(f.actor ? { actorLabel: { contains: f.actor.toLowerCase() } } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(siteId !== undefined ? { siteId } : {}),
    ...(f.from || f.to
      ? { at: { ...(f.from ? { gte: new Date(`${f.from}T00:00:00Z`) } : {}), ...(f.to ? { lt: new Date(Date.parse(`${f.to}T00:00:00Z`) + DAY_MS) } : {}) } }
      : {}),
  };
}

export async function queryAudit(actor: Actor, f: TAuditFilter) {
  const where = auditWhereFor(actor, f);
  const page = f.page ?? 1;
  const [total, entries] = await Promise.all([
    db().auditEntry.count({ where }),
    db().auditEntry.findMany({ where, orderBy: { seq: "desc" }, skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
  ]);
  return { total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), entries };
}

// The actions present in the log, for the filter's drop-down.
export async function auditActions(): Promise<string[]> {
  const rows = await db().auditEntry.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}

// Every matching entry in seq order, a page at a time, so an export never holds the log in memory.
export async function* iterateAudit(actor: Actor, f: TAuditFilter, batch = 1000) {
  const where = auditWhereFor(actor, f);
  let after = 0;
  for (;;) {
    const rows = await db().auditEntry.findMany({ where: { ...where, seq: { gt: after } }, orderBy: { seq: "asc" }, take: batch });
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1]!.seq;
  }
}

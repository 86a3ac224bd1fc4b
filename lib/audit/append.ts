import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { transactionLock } from "@/lib/db/dialect";
import { entryHash } from "@/lib/audit/chain";
import { auditKey, chainTip } from "@/lib/audit/checkpoint";

export type AuditInput = {
  actor: { id: string | null; label: string };
  action: string;
  target: { type: string; id?: string | null };
  siteId?: string | null;
  justification?: string | null;
  // Never personal data or secrets: ids, counts, old/new setting values.
  details?: Record<string, unknown>;
  at?: Date;
};

// Appends to the chain; concurrent writers are serialized so two entries never share a predecessor.
export async function appendAudit(input: AuditInput, tx?: Tx): Promise<void> {
  if (tx) return appendIn(tx, input);
  await db().$transaction((t) => appendIn(t, input));
}

const AUDIT_LOCK_KEY = 727_001;

async function appendIn(tx: Tx, input: AuditInput): Promise<void> {
  // Read before the lock: the key store is outside the database (a 503 when unreachable).
  const key = await auditKey();
  await transactionLock(tx, AUDIT_LOCK_KEY);
  const last = await chainTip(tx);
  const fields = {
    seq: last.seq + 1,
    at: input.at ?? new Date(),
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    targetType: input.target.type,
    targetId: input.target.id ?? null,
    siteId: input.siteId ?? null,
    justification: input.justification ?? null,
    details: JSON.stringify(input.details ?? {}),
    prevHash: last.hash,
  };
  await tx.auditEntry.create({ data: { ...fields, hash: entryHash(fields, key) } });
}

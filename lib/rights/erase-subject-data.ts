import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { auditActor } from "@/lib/auth/scope";
import { appendAudit } from "@/lib/audit/append";
import { eraseCustomerData, type Eraser } from "@/lib/account/customer-rights";
import { deleteRecording } from "@/lib/recordings/delete-recording";
import { lockRecording } from "@/lib/recordings/lock";
import type { TRightsRequest } from "@/lib/rights/schemas";
import { auditTarget, requireSubject } from "@/lib/rights/subject";

// Right to erasure for a request received by another channel, on the sites the staff member
// covers: by email, what the customer's own account deletion does, limited to those sites (the
// account goes once nothing else of it is left); by pseudonym, the recordings carrying it. One
// transaction each; audited with the staff member as actor and the reason.
export async function eraseSubjectData(actor: Actor, request: TRightsRequest, now = new Date()) {
  const subject = await requireSubject(actor, request.subject);
  const by: Eraser = { kind: "staff", actor: auditActor(actor), reason: request.reason };
  if (subject.by === "email") {
    const result = await eraseCustomerData(subject.user.id, subject.sites, now, by);
    // Whether the account survived says whether it holds data elsewhere: only staff covering every site are told.
    return subject.sites === "all" ? result : { recordings: result.recordings, tickets: result.tickets, messages: result.messages };
  }
  return db().$transaction(async (tx) => {
    let recordings = 0;
    for (const id of subject.recordingIds) {
      if (!(await lockRecording(tx, id, { skipLocked: false }))) continue;
      if (await deleteRecording({ recordingId: id, reason: "erasure-request", dueAt: now, now }, tx)) recordings += 1;
    }
    await appendAudit(
      { actor: by.actor, action: "rights.erase", target: auditTarget(subject), siteId: subject.site.id, justification: by.reason, details: { by: "pseudonym", recordings }, at: now },
      tx,
    );
    return { recordings, tickets: 0, messages: 0 };
  });
}

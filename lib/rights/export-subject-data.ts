import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { auditActor } from "@/lib/auth/scope";
import { appendAudit } from "@/lib/audit/append";
import { exportCustomerData, exportRecordingData } from "@/lib/account/customer-rights";
import type { TRightsRequest } from "@/lib/rights/schemas";
import { auditTarget, requireSubject } from "@/lib/rights/subject";

// Right of access and portability for a request received by another channel: the same export a
// customer downloads from their account page (metadata only, never recording content), limited to
// the sites the staff member covers, for staff to send to the person. Audited with the reason.
export async function exportSubjectData(actor: Actor, request: TRightsRequest, now = new Date()) {
  const subject = await requireSubject(actor, request.subject);
  const data = subject.by === "email" ? await exportCustomerData(subject.user.id, now, subject.sites) : await exportRecordingData(subject.recordingIds, now);
  await appendAudit({
    actor: auditActor(actor),
    action: "rights.export",
    target: auditTarget(subject),
    siteId: subject.by === "pseudonym" ? subject.site.id : null,
    justification: request.reason,
    details: { by: subject.by, tickets: data.tickets.length, recordings: data.recordings.length },
    at: now,
  });
  return data;
}

import "server-only";
import { env } from "@/lib/config/env";
import type { DeploymentFacts } from "@/lib/compliance/measure";

// What the compliance record and the DPO's documents say about the deployment as a whole: who runs
// it, which mail server carries its emails (the host only: SMTP_URL holds credentials), and the
// retention of what is not a recording.
export function deploymentFacts(): DeploymentFacts {
  const e = env();
  return {
    hostedBy: e.HOSTED_BY ?? null,
    mailHost: e.SMTP_URL ? new URL(e.SMTP_URL).hostname : null,
    appUrl: e.APP_URL,
    retentionDays: { tickets: e.TICKET_RETENTION_DAYS, consent: e.CONSENT_RETENTION_DAYS, audit: e.AUDIT_RETENTION_DAYS, receipts: e.RECEIPT_RETENTION_DAYS },
  };
}

// The DPO's pack for one site (privacy point 10): roles, the record of processing (Art. 30), a DPIA
// outline, the processing-agreement annex (Art. 28) and the retention justification, filled from
// the same facts and measures as the compliance record. Pure: the compliance page prints them and
// compliance.json carries them. What the software cannot know (legal names, contacts, where the
// servers are) is left as a bracketed placeholder for the controller to fill in.
import { day, plural, type ComplianceFacts, type Measure } from "@/lib/compliance/measure";
import { retentionReasonLabel } from "@/lib/compliance/measures/retention";
import { UNTRIGGERED_RETENTION_MINUTES } from "@/lib/retention/policy";
import { RECOMMENDED_MAX_RETENTION_HOURS } from "@/lib/sites/schemas";

export type DocumentRow = { label: string; value: string[] };
export type DpoDocument = { id: string; title: string; intro: string; rows: DocumentRow[] };
export type DpoDocuments = DpoDocument[];

const row = (label: string, ...value: string[]): DocumentRow => ({ label, value });

const MODE_DATA: Record<string, string> = {
  M3: "the masked replay only: page layout, clicks, scrolling; every text, input and image masked in the browser, nothing typed or read collected",
  M1: "the masked replay, and an unmasked copy (what the visitor typed and read) sealed in the browser to the site's vault key, opened only after the customer's approval and a supervisor's validation",
  M2: "the masked replay, and an unmasked copy (what the visitor typed and read) sealed in the browser to a vault key only the site's key custodian can open, opened only after the customer's approval and the custodian's acceptance of the agent's reason",
};

// What the operator's keys open of the recordings not yet due for deletion, in this site's mode.
function operatorDecrypts(f: ComplianceFacts): string {
  if (f.site.maskingMode === "M3") return "the masked stream";
  if (f.site.maskingMode === "M1" || f.custody.state === "none") return "the masked stream and the sealed unmasked copy";
  return "the masked stream; of the sealed unmasked copy, only what the key custodian unsealed for an approval, during that approval's window: the rest needs the custodian's secret, which the server never stores";
}

function operatorAccess(f: ComplianceFacts): string[] {
  const operator = f.deployment.hostedBy ?? f.site.name;
  return [
    `${operator} runs the servers, so it holds the database, the key store and MASTER_KEY. With all three it can technically decrypt the recordings whose deletion hour has not passed yet (${operatorDecrypts(f)}), outside the application and without an audit entry; it can read the metadata (page paths, tickets, audit log) in the database.`,
    "A copy of the database without the key store (a backup, a stolen file) decrypts nothing; once the hour of a recording's deadline has passed, its key-encryption key is destroyed and nothing opens it, whoever holds MASTER_KEY (docs/security.md, Key custody).",
    "Inside the application the operator has no access of its own: admins cannot view replays; every viewing needs the customer's approval naming the viewer and is audited.",
  ];
}

function subProcessors(f: ComplianceFacts): string[] {
  return [
    f.deployment.mailHost
      ? `Email: the SMTP server ${f.deployment.mailHost} (SMTP_URL) carries sign-in links, approval requests and ticket notifications: the recipient's address, the requesting agent's name and justification, masked page paths. [Name its operator and location.]`
      : "Email: no mail server is configured; mail is caught locally for a demo. [Name the SMTP provider once SMTP_URL is set.]",
    "Hosting: [the provider of the servers, the database and the key store, and their location].",
    `No other: the application makes no outbound call besides mail, and the SDK talks only to this deployment (${f.deployment.appUrl}).`,
  ];
}

const TRANSFERS = "Decided by the deployment: where the servers, the database, the key store and the mail provider are. The software sends nothing elsewhere. [State the locations and, outside the EEA, the transfer tool (adequacy decision, standard contractual clauses).]";

function retentionRows(f: ComplianceFacts): string[] {
  const r = f.deployment.retentionDays;
  return [
    `Recordings: ${f.site.retentionHours} hour(s) after the end of the session, at once${f.site.closeGraceMinutes ? ` (or ${f.site.closeGraceMinutes} minutes)` : ""} when the ticket closes; ${UNTRIGGERED_RETENTION_MINUTES} minutes when nothing triggered them.`,
    `Closed tickets and their messages: ${r.tickets} days after closing. Consent records: ${r.consent} days. Audit entries: ${r.audit} days. Deletion receipts (no personal data): ${r.receipts} days.`,
  ];
}

// Privacy point 6: who holds the site's M2 key custody, from the same custody state as the M2 measure.
function custodian(f: ComplianceFacts): string {
  const c = f.custody;
  const who = `${c.custodian ?? "a former account"} (since ${c.since ? day(c.since) : "?"})`;
  if (c.state === "enrolled") {
    return `${who}: a privacy officer outside ${f.site.name}'s support and administration (never its agent, supervisor or admin) holds the secret that opens the site's vault key; each M2 unmasking needs their acceptance of the agent's reason. They never ask for or watch a recording.`;
  }
  if (c.state === "orphaned") return `The vault key is sealed under the secret of ${who}, who no longer holds the privacy-officer role on this site: no M2 unmasking can be accepted until another privacy officer enrols.`;
  return "None: M2 cannot be chosen on this site. A custodian is someone an admin grants the privacy-officer role on the site, outside its staff, who then enrols at /custody.";
}

const measureLine = (m: Measure) => `${m.code} — ${m.title}: ${m.status}${m.shortfalls.length ? ` (${m.shortfalls.join(" ")})` : ""}`;

function roles(f: ComplianceFacts): DpoDocument {
  const { site, deployment } = f;
  return {
    id: "roles",
    title: "Roles, operator access, sub-processors and transfers",
    intro: "Who is who for this site's session replay, and who can technically reach its data.",
    rows: [
      row(
        "This deployment",
        deployment.hostedBy
          ? `Run by ${deployment.hostedBy} for the publishers: ${site.name} is the controller, ${deployment.hostedBy} its processor (Art. 28 GDPR), acting only on ${site.name}'s documented instructions.`
          : `Run by the publisher itself (self-hosted): ${site.name} is the controller and operates the tool; its hosting and mail providers are its processors. (If a provider runs Replaydesk for you, set HOSTED_BY and this page names it.)`,
      ),
      row("Self-hosted by the publisher", "The publisher is controller and operator: it runs the servers and holds the keys. Its hosting and mail providers are its processors."),
      row(
        "Hosted by a provider",
        "The provider is the publisher's processor (Art. 28): it processes the data only for the publisher's support purpose. Replaydesk sends no telemetry and reuses nothing, so the provider does not become a controller; a provider that used the data for its own purposes would be a controller for that use and joint controller for the collection (Art. 26), which needs a separate agreement.",
      ),
      row("What the operator can technically access", ...operatorAccess(f)),
      row("Key custodian (M2)", custodian(f)),
      row("Sub-processors", ...subProcessors(f)),
      row("Transfers outside the EU", TRANSFERS),
    ],
  };
}

function recordOfProcessing(f: ComplianceFacts, measures: Measure[]): DpoDocument {
  const { site, deployment } = f;
  return {
    id: "record-of-processing",
    title: "Record of processing activities (Art. 30 GDPR)",
    intro: `Session replay for support on ${site.name}, as configured on ${day(f.now)}.`,
    rows: [
      row("Controller", `${site.name} [legal name, address, representative].`, "Data protection officer: [name and contact]."),
      row("Processors", deployment.hostedBy ? `${deployment.hostedBy} (runs Replaydesk).` : "No provider: the publisher runs Replaydesk itself.", ...subProcessors(f).slice(0, 2)),
      row("Purpose", "Support and assistance in managing customer requests: replaying the session of a user who met a problem, to answer their request (CNIL draft recommendation on session replay, appendix 1)."),
      row(
        "Legal basis",
        "Consent, for reading and writing on the visitor's device (Art. 82 of the French Data Protection Act) and for the recording that follows (Art. 6(1)(a) GDPR), collected through the publisher's consent banner.",
        "[The basis for handling support tickets, e.g. the contract (Art. 6(1)(b)).]",
      ),
      row("Data subjects", "Visitors of the site who consented and whose session was triggered (a help request, or another trigger the site enabled); customers who open tickets; support staff (their actions in the audit log)."),
      row(
        "Categories of data",
        `Recordings: ${MODE_DATA[site.maskingMode] ?? site.maskingMode}; page paths (no query strings), times, browser family, error counts; a pseudonymous user id (keyed hash).`,
        "Tickets: the customer's email address, subject and messages. Approvals (who asked, why, the customer's answer). Consent records (choice, banner version, session as a keyed hash). Audit log (staff addresses, justifications, ids).",
      ),
      row("Recipients", `${site.name}'s support staff holding a role on this site (${plural(f.access.activeGrants, "active grant")}); only the agent a customer approves sees a recording.`, ...(deployment.hostedBy ? [`${deployment.hostedBy}, as processor.`] : []), "The email provider, as carrier of the messages."),
      row("Transfers outside the EU", TRANSFERS),
      row("Retention", ...retentionRows(f)),
      row("Security measures", ...measures.map(measureLine), "Per-recording AES-256-GCM encryption, data keys wrapped under hourly keys held outside the database and destroyed after the deadlines; keyed, checkpointed audit chain; role-based access reviewed every 90 days."),
    ],
  };
}

// The DPIA's risks, each with the measures that reduce it.
const RISKS: { risk: string; codes: string[]; mitigation: string }[] = [
  { risk: "Recording beyond support situations (permanent tracking of browsing)", codes: ["Consent", "L2", "L1"], mitigation: "consent first; recording kept on the device until a trigger; the server refuses other uploads" },
  {
    risk: "Content typed or read by the visitor seen by staff (private or sensitive data)",
    codes: ["Sensitive pages", "M0", "Page paths", "M1", "M2", "M3"],
    mitigation: "nothing recorded on sensitive pages; everything masked by default in the browser and again at ingest, with a floor no unmask selector goes below; identifiers masked in page paths; unmasked copy only in M1/M2, sealed (M2: opened only with the key custodian)",
  },
  { risk: "Passwords or payment data captured", codes: ["S1", "S1 sealed copy"], mitigation: "blocked in the browser and at ingest; card numbers and IBANs scrubbed in the browser from both copies before anything is kept, and again at ingest" },
  { risk: "A recording viewed without the person's agreement, or by someone else than the person they agreed to", codes: ["Approval", "S2"], mitigation: "the customer approves each viewing naming one agent; roles per site, reviewed; every viewing audited" },
  { risk: "Linking a person's visits across sessions or sites", codes: ["I2/I3", "I1"], mitigation: "random short-lived session ids; pseudonyms keyed per site and verified" },
  { risk: "Keeping recordings longer than needed", codes: ["Retention"], mitigation: "deletion a few hours after the session, at once when the ticket closes, by a sweeper that cannot be late by more than minutes" },
];

function dpia(f: ComplianceFacts, measures: Measure[]): DpoDocument {
  const byCode = new Map(measures.map((m) => [m.code, m]));
  return {
    id: "dpia",
    title: "Data protection impact assessment: outline",
    intro: "Filled with what this site's settings and data show; the likelihood and severity, the DPO's opinion and the data subjects' views are the controller's to add.",
    rows: [
      row("Processing", `Session replay for support on ${f.site.name} (see the record of processing above): ${MODE_DATA[f.site.maskingMode] ?? f.site.maskingMode}.`),
      row("Necessity and proportionality", `The recommendation's support row asks for L2, (M3 or M2 or M1), (I2 or I3), S1 and S2, retention of a few hours and the user's validation before any unmasking. On this site: ${measures.filter((m) => m.status !== "not required").map((m) => `${m.code} ${m.status}`).join(", ")}.`),
      ...RISKS.map((r) => {
        const gaps = r.codes.flatMap((c) => byCode.get(c)?.shortfalls ?? []);
        return row(`Risk: ${r.risk}`, `Measures: ${r.mitigation}.`, gaps.length ? `Residual risk raised: ${gaps.join(" ")}` : "Residual risk: reduced by the measures in force (none falls short on this site). [Assess likelihood and severity.]");
      }),
      row("Risk: the operator, or a thief of the servers, reading recordings", ...operatorAccess(f).slice(0, 2), "[Assess likelihood and severity; consider who holds the key store.]"),
      row("Consultation", "[The DPO's opinion; the views of data subjects or their representatives where appropriate (Art. 35(9)).]"),
    ],
  };
}

function processingAgreementAnnex(f: ComplianceFacts, measures: Measure[]): DpoDocument {
  return {
    id: "processing-agreement-annex",
    title: "Processing agreement annex (Art. 28 GDPR): technical and organisational measures",
    intro: f.deployment.hostedBy
      ? `Annex to the agreement between ${f.site.name} (controller) and ${f.deployment.hostedBy} (processor).`
      : `Annex to the agreement between ${f.site.name} (controller) and [the provider running Replaydesk] (processor). This deployment is self-hosted: use it with your hosting provider, or if a provider takes it over.`,
    rows: [
      row("Subject matter and duration", "Support and assistance in managing the controller's customer requests with session replay, for the duration of the service agreement."),
      row("Nature and purpose", "Collecting (after consent), storing encrypted, showing to the controller's approved staff and deleting recordings of the controller's website visitors; handling the related tickets and emails."),
      row("Types of personal data and data subjects", `As in the record of processing above: recordings (${MODE_DATA[f.site.maskingMode] ?? f.site.maskingMode}), tickets, approvals, consent records, audit entries; visitors, customers, support staff.`),
      ...measures.map((m) => row(`${m.code} — ${m.title}`, m.how, ...(m.shortfalls.length ? [`Falls short today: ${m.shortfalls.join(" ")}`] : []))),
      row("Security of processing", "AES-256-GCM per recording; data keys wrapped under hourly key-encryption keys in a key store outside the database, destroyed once their hour has passed; vault keys under their own key; HMAC-keyed audit chain with signed checkpoints; CSRF and same-origin checks; rate limits; bounded request bodies; TLS required for a public address."),
      row("What the processor can technically access", ...operatorAccess(f)),
      row("Sub-processors", ...subProcessors(f), "The processor informs the controller of any change of sub-processor in advance (Art. 28(2))."),
      row(
        "Proof of consent",
        "Mechanism: the controller's consent banner collects consent; the recorder records each choice (time, choice, banner text version, the session as a keyed hash) and every upload must carry its session's own consent proof, which the processor checks; a record counts as evidence once an upload used it.",
        "Responsibilities: the controller for the banner, its text and its version (this site's consent page gives both for its current settings); the processor for recording, checking and keeping the proofs.",
        `Provision of evidence: every consent record of the site as CSV at any time (consent page, or GET /api/v1/admin/sites/${f.site.id}/consent.csv), each export audited.`,
        `Storage: in the application's database, ${f.deployment.retentionDays.consent} days, then purged; the session only as a keyed hash.`,
        "Audits: the compliance record's \"Consent\" measure checks the latest proofs against the current banner text; [the controller reviews its banner integration at least once a year].",
      ),
      row("Assistance with data subjects' rights", "Customers: /account (export, delete the account) and their ticket page (watch their own recording, see who viewed it, delete it). Requests received by other channels: /admin/rights (permission privacy:rights: admins and privacy officers) finds a person by email or verified pseudonym, exports or erases their data, each action audited with its reason."),
      row("Deletion at the end of the service", ...retentionRows(f), "At the end of the service the processor deletes the database and destroys the key store, which makes every recording unreadable at once."),
      row("Audits and information", "This compliance record (printable, and as JSON: compliance.json); the audit log with CSV export and its chain check (npm run admin -- audit-verify); consent records as CSV."),
    ],
  };
}

function retentionJustification(f: ComplianceFacts, measures: Measure[]): DpoDocument {
  const { site } = f;
  const above = site.retentionHours > RECOMMENDED_MAX_RETENTION_HOURS;
  const retention = measures.find((m) => m.code === "Retention");
  return {
    id: "retention-justification",
    title: "Retention justification",
    intro: "The recommendation: \"retention period limited to a few hours after the end of the session\", \"justified in a documented manner with regard to the occurrence of support situations over time\".",
    rows: [
      row("Retention in force", ...retentionRows(f).slice(0, 1)),
      row(
        "Against the recommendation",
        above
          ? `${site.retentionHours} hours is above the few hours this desk treats as the recommendation's (${RECOMMENDED_MAX_RETENTION_HOURS}); it needs the documented justification below.`
          : `${site.retentionHours} hour(s): within the recommendation's few hours (this desk's threshold: ${RECOMMENDED_MAX_RETENTION_HOURS}).`,
      ),
      row("Reason", retentionReasonLabel(site.retentionReason) ?? (above ? "None given." : "Not needed at this retention.")),
      row("Justification", site.retentionJustification.trim() || (above ? "None given." : "[Optional at this retention: how soon after a visit your customers contact support.]")),
      row("Support situations over time", "[From your ticket history: how long after a visit customers contact support, and how long until they approve a viewing.]"),
      row("Deletion in practice", ...(retention?.evidence ?? [])),
      row("Status", retention?.shortfalls.length ? `Falls short: ${retention.shortfalls.join(" ")}` : "Nothing falls short."),
    ],
  };
}

export function dpoDocuments(f: ComplianceFacts, measures: Measure[]): DpoDocuments {
  return [roles(f), recordOfProcessing(f, measures), dpia(f, measures), processingAgreementAnnex(f, measures), retentionJustification(f, measures)];
}

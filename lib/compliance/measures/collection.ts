// L2 (collection limited to a trigger) and L1 (sampling): which sessions reach the server at all.
import { measure, plural, type ComplianceFacts, type Measure } from "@/lib/compliance/measure";
import { UNTRIGGERED_RETENTION_MINUTES } from "@/lib/retention/policy";

export function l2SettingShortfalls(s: { recordingMode: string; triggers: readonly string[] }): string[] {
  const out: string[] = [];
  if (s.recordingMode === "stream") {
    out.push(
      `Streaming mode uploads every consenting visitor's session from the start, not only around a trigger; untriggered sessions are deleted ${UNTRIGGERED_RETENTION_MINUTES} minutes after they end. The recommendation's row asks for L2: keep the recording on the device until a trigger (buffer mode).`,
    );
  }
  if (s.triggers.includes("manual")) {
    out.push(
      "The manual trigger is on: the site's own code can upload any session, with a reason of its choosing, and keep it for the whole retention; collection is then not limited to support situations. Turn it off unless a visible \"Report a problem\" button needs it.",
    );
  }
  return out;
}

export function l1SettingShortfalls(s: { samplingRate: number }): string[] {
  return s.samplingRate < 1
    ? [`Sampling (${Math.round(s.samplingRate * 100)} % of sessions) is not part of the support row: a customer who asks for help may have no recording at all. Use 100 % for support.`]
    : [];
}

export function l2Measure(f: ComplianceFacts): Measure {
  const { site, recordings: r } = f;
  const triggers = site.triggers.join(", ") || "none";
  const byTrigger = Object.entries(r.byTrigger).map(([kind, n]) => `${kind} ${n}`).join(", ");
  return measure("L2", "Collection limited to a trigger", {
    how:
      site.recordingMode === "buffer"
        ? `Buffer mode: the last ${site.bufferMinutes} minute(s) stay on the visitor's device and are uploaded only after a trigger; the server refuses any upload before one, and any trigger kind the site did not enable. Enabled triggers: ${triggers}.`
        : `Streaming mode: sessions are uploaded from the start; untriggered ones are deleted ${UNTRIGGERED_RETENTION_MINUTES} minutes after they end. The server refuses trigger kinds the site did not enable. Enabled triggers: ${triggers}.`,
    evidence: [
      `${plural(r.held, "recording")} held now${byTrigger ? ` (by trigger: ${byTrigger})` : ""}; ${r.untriggered} not triggered.`,
      `${plural(f.untriggeredDeleted, "untriggered recording")} deleted in the last ${f.periodDays} days.`,
    ],
    shortfalls: l2SettingShortfalls(site),
  });
}

export function l1Measure(f: ComplianceFacts): Measure {
  const { site } = f;
  return measure("L1", "Sampling of sessions", {
    how: site.samplingRate >= 1 ? "No sampling: every consenting session can be recorded, so a customer asking for help has a recording." : `${Math.round(site.samplingRate * 100)} % of sessions are recorded.`,
    shortfalls: l1SettingShortfalls(site),
    required: false,
  });
}

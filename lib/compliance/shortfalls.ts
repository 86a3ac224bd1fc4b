// Where a site's settings fall short of the recommendation's "support and assistance" row. Pure
// and browser-safe: the settings form warns with it before saving, the compliance record shows
// the same findings in red.
import { RECOMMENDED_MAX_RETENTION_HOURS } from "@/lib/sites/settings-schema";
import { UNTRIGGERED_RETENTION_MINUTES } from "@/lib/retention/policy";
import type { CustodyState } from "@/lib/sites/settings-schema";

export type ShortfallInput = {
  recordingMode: string;
  samplingRate: number;
  retentionHours: number;
  maskingMode: string;
  hasVaultKey: boolean;
  // Privacy point 6: M2 holds only while a key custodian holds the site's vault key.
  custody: CustodyState;
};

export type Shortfall = { measure: "L2" | "L1" | "M" | "retention" | "S2"; message: string };

export function settingsShortfalls(s: ShortfallInput): Shortfall[] {
  const out: Shortfall[] = [];
  if (s.recordingMode === "stream") {
    out.push({
      measure: "L2",
      message: `Streaming mode uploads every consenting visitor's session from the start, not only around a trigger; untriggered sessions are deleted ${UNTRIGGERED_RETENTION_MINUTES} minutes after they end. The recommendation's row asks for L2: keep the recording on the device until a trigger (buffer mode).`,
    });
  }
  if (s.retentionHours > RECOMMENDED_MAX_RETENTION_HOURS) {
    out.push({
      measure: "retention",
      message: `Retention of ${s.retentionHours} hours is beyond "a few hours after the end of the session" (this desk's threshold: ${RECOMMENDED_MAX_RETENTION_HOURS} hours); the justification must be documented.`,
    });
  }
  if (s.samplingRate < 1) {
    out.push({
      measure: "L1",
      message: `Sampling (${Math.round(s.samplingRate * 100)} % of sessions) is not part of the support row: a customer who asks for help may have no recording at all. Use 100 % for support.`,
    });
  }
  if ((s.maskingMode === "M1" || s.maskingMode === "M2") && !s.hasVaultKey) {
    out.push({
      measure: "M",
      message: `${s.maskingMode} is selected but the site has no vault key: the unmasked copy cannot be collected, so the site behaves as M3. Generate a vault key or choose M3.`,
    });
  } else if (s.maskingMode === "M2" && s.custody === "orphaned") {
    out.push({
      measure: "M",
      message: "M2 is selected but the person who holds this site's key custody is no longer its privacy officer: no unmasking can be accepted. Another privacy officer of the site enrols at /custody (a new key, for sessions from then on).",
    });
  } else if (s.maskingMode === "M2" && s.custody === "none") {
    out.push({
      measure: "M",
      message: "M2 is selected but no key custodian holds this site's vault key: whoever runs the server could open the unmasked copies, which M2 excludes. A privacy officer enrols at /custody, or choose M1 or M3.",
    });
  }
  return out;
}

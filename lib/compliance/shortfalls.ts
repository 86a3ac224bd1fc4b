// Where a site's settings alone fall short of the recommendation's "support and assistance" row.
// Pure and browser-safe: the settings form warns with it before saving, the sites list counts it,
// and the compliance record's measures use the same checks (lib/compliance/measures/), so the
// three always agree.
import { l1SettingShortfalls, l2SettingShortfalls } from "@/lib/compliance/measures/collection";
import { m0SettingShortfalls, modeSettingShortfalls } from "@/lib/compliance/measures/masking";
import { retentionSettingShortfalls } from "@/lib/compliance/measures/retention";

export type ShortfallInput = {
  recordingMode: string;
  triggers: readonly string[];
  samplingRate: number;
  retentionHours: number;
  retentionReason: string;
  retentionJustification: string;
  maskingMode: string;
  // One selector per line, as stored and as the settings form holds them.
  unmaskSelectors: string;
  hasVaultKey: boolean;
};

// `measure` is the code of the compliance record's measure the finding belongs to.
export type Shortfall = { measure: string; message: string };

export function settingsShortfalls(s: ShortfallInput): Shortfall[] {
  const unmaskSelectors = s.unmaskSelectors.split("\n").map((l) => l.trim()).filter(Boolean);
  const found: [string, string[]][] = [
    ["L2", l2SettingShortfalls(s)],
    ["L1", l1SettingShortfalls(s)],
    ["M0", m0SettingShortfalls({ unmaskSelectors })],
    [s.maskingMode, modeSettingShortfalls(s)],
    ["Retention", retentionSettingShortfalls(s)],
  ];
  return found.flatMap(([measure, messages]) => messages.map((message) => ({ measure, message })));
}

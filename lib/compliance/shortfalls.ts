// Where a site's settings alone fall short of the recommendation's "support and assistance" row.
// Pure and browser-safe: the settings form warns with it before saving, the sites list counts it,
// and the compliance record's measures use the same checks (lib/compliance/measures/), so the
// three always agree.
import { l1SettingShortfalls, l2SettingShortfalls } from "@/lib/compliance/measures/collection";
import { m0SettingShortfalls, modeSettingShortfalls } from "@/lib/compliance/measures/masking";
import { pathSettingShortfalls, sensitivePageSettingShortfalls } from "@/lib/compliance/measures/pages";
import { retentionSettingShortfalls } from "@/lib/compliance/measures/retention";
import type { CustodyState } from "@/lib/sites/schemas";

export type ShortfallInput = {
  recordingMode: string;
  triggers: readonly string[];
  samplingRate: number;
  retentionHours: number;
  retentionReason: string;
  retentionJustification: string;
  maskingMode: string;
  // One entry per line, as stored and as the settings form holds them.
  unmaskSelectors: string;
  sensitivePages: string;
  pathSegmentAllowList: string;
  hasVaultKey: boolean;
  // Privacy point 6: M2 holds only while a key custodian holds the site's vault key.
  custody: CustodyState;
};

// `measure` is the code of the compliance record's measure the finding belongs to.
export type Shortfall = { measure: string; message: string };

const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

export function settingsShortfalls(s: ShortfallInput): Shortfall[] {
  const found: [string, string[]][] = [
    ["L2", l2SettingShortfalls(s)],
    ["L1", l1SettingShortfalls(s)],
    ["Sensitive pages", sensitivePageSettingShortfalls({ sensitivePages: lines(s.sensitivePages) })],
    ["M0", m0SettingShortfalls({ unmaskSelectors: lines(s.unmaskSelectors) })],
    ["Page paths", pathSettingShortfalls({ pathSegmentAllowList: lines(s.pathSegmentAllowList) })],
    [s.maskingMode, modeSettingShortfalls(s)],
    ["Retention", retentionSettingShortfalls(s)],
  ];
  return found.flatMap(([measure, messages]) => messages.map((message) => ({ measure, message })));
}

// The one schema of a site's privacy settings: the admin API validates with it and the settings
// form runs it in the browser for its inline messages, so both say the same thing. Browser-safe.
import { z } from "zod";
import {
  MASKING_MODES, MAX_BUFFER_MINUTES, MAX_PATH_SEGMENT_ALLOW_LIST, MAX_SELECTORS, MAX_SENSITIVE_PAGE_PATTERNS, MAX_SELECTOR_LENGTH, MAX_SESSION_MINUTES, MIN_BUFFER_MINUTES,
  MIN_SESSION_MINUTES, RECORDING_MODES, TRIGGER_KINDS,
} from "@/lib/replay/protocol";
import { RETENTION_HOURS_MAX, RETENTION_HOURS_MIN } from "@/lib/retention/policy";
import { unmaskFloorViolation } from "@/lib/replay/masking-floor";
import { ANY_SEGMENT } from "@/lib/replay/page-path";
import { parseSelectorList } from "@/lib/replay/selectors";
import { parseOrigin } from "@/lib/sites/origins";

// "A few hours after the end of the session": beyond this the retention needs a documented reason
// and the compliance record flags it.
export const RECOMMENDED_MAX_RETENTION_HOURS = 4;
export const MIN_JUSTIFICATION_LENGTH = 20;
export const MAX_JUSTIFICATION_LENGTH = 2000;
export const MAX_ORIGINS = 20;
// The most protective defaults for a new site (prisma/schema.prisma holds the same).
export const DEFAULT_SENSITIVE_PAGES = ["/account/*", "/health/*"];

const int = (what: string, min: number, max: number) =>
  z.number({ error: `must be a whole number of ${what}` }).int(`must be a whole number of ${what}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

// Newline-separated selectors; each line is checked by the same parser the recorder and ingest use,
// so a selector the server would half-understand never reaches a page.
const selectorLines = z.string({ error: "must be text, one selector per line" }).transform((text, ctx) => {
  const lines = text.split("\n").map((s) => s.trim()).filter(Boolean);
  if (lines.length > MAX_SELECTORS) {
    ctx.addIssue({ code: "custom", message: `at most ${MAX_SELECTORS} selectors, one per line` });
    return z.NEVER;
  }
  for (const line of lines) {
    if (line.length > MAX_SELECTOR_LENGTH) {
      ctx.addIssue({ code: "custom", message: `a selector is longer than ${MAX_SELECTOR_LENGTH} characters` });
      return z.NEVER;
    }
    try {
      parseSelectorList(line);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : "unsupported selector" });
      return z.NEVER;
    }
  }
  return lines.join("\n");
});

// The masking floor: unmask selectors that would reveal whole pages are refused, naming the
// selector and why (lib/replay/masking-floor.ts). Enforced here, where the form and the API meet.
const unmaskSelectorLines = selectorLines.transform((text, ctx) => {
  for (const line of text.split("\n").filter(Boolean)) {
    const why = unmaskFloorViolation(line);
    if (why) {
      ctx.addIssue({ code: "custom", message: why });
      return z.NEVER;
    }
  }
  return text;
});

// Newline-separated entries, each checked by `valid` (which returns what is wrong, or null).
const lines = (what: string, max: number, valid: (line: string) => string | null) =>
  z.string({ error: `must be text, one ${what} per line` }).transform((text, ctx) => {
    const list = [...new Set(text.split("\n").map((s) => s.trim()).filter(Boolean))];
    const problem = list.length > max ? `at most ${max} ${what}s, one per line` : list.map(valid).find((p) => p !== null);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return list.join("\n");
  });

// Sensitive pages: path patterns where nothing is recorded (lib/replay/page-path.ts, isSensitivePage).
const sensitivePages = lines("path pattern", MAX_SENSITIVE_PAGE_PATTERNS, (line) =>
  line.length > 200 || !/^\/[\w\-.~%!$&'()*+,;=:@/]*$/.test(line) ? `"${line.slice(0, 200)}" is not a path pattern such as /account/* (a path starting with /, * for any characters, no query or fragment)` : null,
);

// Path segments shown as written in page lists and replays; "*" shows every segment that does not
// look like an identifier.
const pathSegmentAllowList = lines("path segment", MAX_PATH_SEGMENT_ALLOW_LIST, (line) =>
  line !== ANY_SEGMENT && (line.length > 100 || !/^[\w\-.~%!$&'()+,;=:@]+$/.test(line)) ? `"${line.slice(0, 100)}" is not a path segment such as orders (no /, no spaces), nor * for every segment` : null,
).transform((text) => text.toLowerCase());

const origin = z.string({ error: "must be an origin such as https://shop.example" }).transform((value, ctx) => {
  const parsed = parseOrigin(value);
  if (!parsed) {
    ctx.addIssue({ code: "custom", message: `"${value.slice(0, 200)}" is not an origin such as https://shop.example (http:// or https:// only)` });
    return z.NEVER;
  }
  return parsed;
});

const fields = {
  name: z.string({ error: "must be text" }).trim().min(2, "must be 2 to 100 characters").max(100, "must be 2 to 100 characters"),
  allowedOrigins: z
    .array(origin, { error: "must be a list of origins" })
    .min(1, "give at least one origin, such as https://shop.example")
    .max(MAX_ORIGINS, `at most ${MAX_ORIGINS} origins`)
    .transform((list) => [...new Set(list)]),
  maskingMode: z.enum(MASKING_MODES, { error: `must be one of ${MASKING_MODES.join(", ")}` }),
  recordingMode: z.enum(RECORDING_MODES, { error: `must be one of ${RECORDING_MODES.join(", ")}` }),
  triggers: z
    .array(z.enum(TRIGGER_KINDS, { error: `must be among ${TRIGGER_KINDS.join(", ")}` }), { error: "must be a list of triggers" })
    .min(1, "choose at least one trigger, or nothing would ever be uploaded")
    .transform((list) => [...new Set(list)]),
  bufferMinutes: int("minutes", MIN_BUFFER_MINUTES, MAX_BUFFER_MINUTES),
  samplingRate: z.number({ error: "must be a number between 0.01 and 1" }).min(0.01, "must be at least 0.01 (1 %)").max(1, "must be at most 1 (100 %)"),
  maxSessionMinutes: int("minutes", MIN_SESSION_MINUTES, MAX_SESSION_MINUTES),
  retentionHours: int("hours", RETENTION_HOURS_MIN, RETENTION_HOURS_MAX),
  retentionJustification: z.string({ error: "must be text" }).trim().max(MAX_JUSTIFICATION_LENGTH, `must be at most ${MAX_JUSTIFICATION_LENGTH} characters`),
  closeGraceMinutes: int("minutes", 0, RETENTION_HOURS_MAX * 60),
  maskSelectors: selectorLines,
  unmaskSelectors: unmaskSelectorLines,
  blockSelectors: selectorLines,
  sensitivePages,
  pathSegmentAllowList,
};

export const SETTING_KEYS = Object.keys(fields) as (keyof typeof fields)[];
export type SettingKey = (typeof SETTING_KEYS)[number];

export const siteSettingsSchema = z
  .object(fields)
  .strict()
  .superRefine((s, ctx) => {
    if (s.retentionHours > RECOMMENDED_MAX_RETENTION_HOURS && s.retentionJustification.length < MIN_JUSTIFICATION_LENGTH) {
      ctx.addIssue({
        code: "custom",
        path: ["retentionJustification"],
        message: `required when retention is over ${RECOMMENDED_MAX_RETENTION_HOURS} hours: document why support situations need it (at least ${MIN_JUSTIFICATION_LENGTH} characters)`,
      });
    }
    if (s.closeGraceMinutes > s.retentionHours * 60) {
      ctx.addIssue({ code: "custom", path: ["closeGraceMinutes"], message: `must not exceed the retention (${s.retentionHours * 60} minutes)` });
    }
  });

export type SiteSettingsInput = z.input<typeof siteSettingsSchema>;
export type SiteSettings = z.output<typeof siteSettingsSchema>;

export const siteCreateSchema = z.object({ name: fields.name, allowedOrigins: fields.allowedOrigins }).strict();

// A stored Site row as the schema's input (JSON columns decoded), for merging a partial update.
export type StoredSite = {
  name: string; allowedOrigins: string; maskingMode: string; recordingMode: string; triggers: string; bufferMinutes: number;
  samplingRate: number; maxSessionMinutes: number; retentionHours: number; retentionJustification: string; closeGraceMinutes: number;
  maskSelectors: string; unmaskSelectors: string; blockSelectors: string; sensitivePages: string; pathSegmentAllowList: string;
};

// The stored values in the schema's input shape (JSON arrays decoded; not re-validated).
export type CurrentSettings = Omit<StoredSite, "allowedOrigins" | "triggers"> & { allowedOrigins: string[]; triggers: string[] };

export function settingsOf(site: StoredSite): CurrentSettings {
  return {
    name: site.name,
    allowedOrigins: JSON.parse(site.allowedOrigins) as string[],
    maskingMode: site.maskingMode,
    recordingMode: site.recordingMode,
    triggers: JSON.parse(site.triggers) as string[],
    bufferMinutes: site.bufferMinutes,
    samplingRate: site.samplingRate,
    maxSessionMinutes: site.maxSessionMinutes,
    retentionHours: site.retentionHours,
    retentionJustification: site.retentionJustification,
    closeGraceMinutes: site.closeGraceMinutes,
    maskSelectors: site.maskSelectors,
    unmaskSelectors: site.unmaskSelectors,
    blockSelectors: site.blockSelectors,
    sensitivePages: site.sensitivePages,
    pathSegmentAllowList: site.pathSegmentAllowList,
  };
}

// Field path -> first message, for inline errors under each input.
export function fieldErrors(error: z.ZodError): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

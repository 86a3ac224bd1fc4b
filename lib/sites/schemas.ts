// The input of the site-administration routes, and the one schema of a site's privacy settings:
// the admin API validates with it and the settings form runs it in the browser for its inline
// messages, so both say the same thing. Browser-safe.
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
import { stringList, triggerKinds } from "@/lib/db/json";
import type { Prisma } from "@/generated/sqlite";

// "A few hours after the end of the session": beyond this the retention needs a documented reason
// and the compliance record flags it.
export const RECOMMENDED_MAX_RETENTION_HOURS = 4;
export const MIN_JUSTIFICATION_LENGTH = 20;
export const MAX_JUSTIFICATION_LENGTH = 2000;
export const MAX_ORIGINS = 20;
// The most protective defaults for a new site (prisma/schema.prisma holds the same).
export const DEFAULT_SENSITIVE_PAGES = ["/account/*", "/health/*"];

// Privacy point 8: a retention above RECOMMENDED_MAX_RETENTION_HOURS needs a structured
// justification, a reason from this list plus text (docs/privacy.md says when each holds).
export const RETENTION_REASONS = {
  "late-contact": "Customers contact support later than a few hours after the visit (measured in the ticket history)",
  "staffing-hours": "Support is not staffed around the clock: sessions of evenings and weekends are handled the next working day",
  "async-channel": "Requests arrive by email or form, after the visit, and are linked to the session then",
  escalation: "Second-level support (e.g. the publisher's developers) must see the replay after the first reply",
  other: "Another reason, explained below",
} as const;
export type RetentionReason = keyof typeof RETENTION_REASONS;
const REASON_KEYS = Object.keys(RETENTION_REASONS) as RetentionReason[];

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
  retentionReason: z.enum(["", ...REASON_KEYS], { error: `must be one of ${REASON_KEYS.join(", ")} (or empty up to ${RECOMMENDED_MAX_RETENTION_HOURS} hours)` }),
  closeGraceMinutes: int("minutes", 0, RETENTION_HOURS_MAX * 60),
  maskSelectors: selectorLines,
  unmaskSelectors: unmaskSelectorLines,
  blockSelectors: selectorLines,
  sensitivePages,
  pathSegmentAllowList,
};

export const SETTING_KEYS = Object.keys(fields) as (keyof typeof fields)[];

export const ZSiteSettings = z
  .object(fields)
  .strict()
  .superRefine((s, ctx) => {
    if (s.retentionHours > RECOMMENDED_MAX_RETENTION_HOURS && s.retentionReason === "") {
      ctx.addIssue({
        code: "custom",
        path: ["retentionReason"],
        message: `required when retention is over ${RECOMMENDED_MAX_RETENTION_HOURS} hours: choose why support situations need it`,
      });
    }
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

// Privacy point 6: what a site's vault key custody allows. "enrolled": the active vault key is
// sealed under the secret of a privacy officer who still holds the role on the site (the M2 key
// custodian); "orphaned": it is, but that person no longer holds the role; "none": no such key.
export type CustodyState = "enrolled" | "orphaned" | "none";

// Why a site may not switch to `mode` with its current vault key custody (null: it may). The
// server refuses with it (400), the settings form says it beside the choice. Only a change of
// mode is checked: a site already in M2 whose custodian left keeps its mode and is flagged in the
// compliance record instead.
export function maskingModeRefusal(mode: string, custody: CustodyState): string | null {
  if (mode === "M2" && custody === "none") {
    return "M2 needs a key custodian outside the publisher's staff, and this site has none. An admin grants the privacy-officer role on this site to someone who is not its agent, supervisor or admin, and that person enrols the site's M2 vault key at /custody. Until then choose M1 or M3."
  }
  if (mode === "M2" && custody === "orphaned") {
    return "M2 needs the site's key custodian, and the person who enrolled this site's vault key no longer holds the privacy-officer role. A privacy officer of the site enrols again at /custody."
  }
  if (mode === "M1" && custody !== "none") {
    return "M1 needs a vault key the server can open after a supervisor's validation, and this site's active vault key is held by its key custodian (M2). Choose M3, generate a new vault key, then M1."
  }
  return null;
}

export type TSiteSettingsInput = z.input<typeof ZSiteSettings>;
export type TSiteSettings = z.output<typeof ZSiteSettings>;

export const ZSiteCreate = z.object({ name: fields.name, allowedOrigins: fields.allowedOrigins }).strict();

// A change of some settings: each given field is checked here, the whole (cross-field rules
// included) once merged with the stored values (lib/sites/update-settings.ts).
export const ZSiteSettingsPatch = z.object(fields, { error: (issue) => (issue.code === "invalid_type" ? "must be an object of settings" : undefined) }).partial().strict();

export const ZApiTokenParams = z.object({ id: z.string(), tokenId: z.string() });
export const ZApiTokenCreate = z.object({ name: z.string({ error: "must be text" }).trim().min(1, "give the token a name, e.g. the system using it").max(80, "must be at most 80 characters") }).strict();

// Security M5: what one site may keep (lib/sites/storage-limits.ts).
const whole = (min: number, max: number) => z.number({ error: "must be a number" }).int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const storageLimitFields = { storageQuotaMb: whole(1, 1_048_576), sessionMaxMb: whole(1, 1024), sessionMaxChunks: whole(1, 100_000) };
export const ZStorageLimits = z
  .object(storageLimitFields)
  .refine((l) => l.sessionMaxMb <= l.storageQuotaMb, { path: ["sessionMaxMb"], message: "must not be larger than storageQuotaMb" });
// Some of them: merged with the stored values, then checked as a whole against ZStorageLimits.
export const ZStorageLimitsPatch = z.object(storageLimitFields).partial().strict();
export type TStorageLimitsPatch = z.infer<typeof ZStorageLimitsPatch>;

// A stored Site row as the schema's input (JSON columns decoded), for merging a partial update.
export type StoredSite = {
  name: string; allowedOrigins: Prisma.JsonValue; maskingMode: string; recordingMode: string; triggers: Prisma.JsonValue; bufferMinutes: number;
  samplingRate: number; maxSessionMinutes: number; retentionHours: number; retentionJustification: string; retentionReason: string; closeGraceMinutes: number;
  maskSelectors: string; unmaskSelectors: string; blockSelectors: string; sensitivePages: string; pathSegmentAllowList: string;
};

// The stored values in the schema's input shape (JSON arrays decoded; not re-validated).
export type CurrentSettings = Omit<StoredSite, "allowedOrigins" | "triggers"> & { allowedOrigins: string[]; triggers: string[] };

export function settingsOf(site: StoredSite): CurrentSettings {
  return {
    name: site.name,
    allowedOrigins: stringList(site.allowedOrigins, "Site.allowedOrigins"),
    maskingMode: site.maskingMode,
    recordingMode: site.recordingMode,
    triggers: triggerKinds(site.triggers),
    bufferMinutes: site.bufferMinutes,
    samplingRate: site.samplingRate,
    maxSessionMinutes: site.maxSessionMinutes,
    retentionHours: site.retentionHours,
    retentionJustification: site.retentionJustification,
    retentionReason: site.retentionReason,
    closeGraceMinutes: site.closeGraceMinutes,
    maskSelectors: site.maskSelectors,
    unmaskSelectors: site.unmaskSelectors,
    blockSelectors: site.blockSelectors,
    sensitivePages: site.sensitivePages,
    pathSegmentAllowList: site.pathSegmentAllowList,
  };
}

import {
  API_PATHS,
  MASKING_MODES,
  MAX_BUFFER_MINUTES,
  MAX_PATH_SEGMENT_ALLOW_LIST,
  MAX_SELECTORS,
  MAX_SENSITIVE_PAGE_PATTERNS,
  MAX_SELECTOR_LENGTH,
  MAX_SESSION_MINUTES,
  MIN_BUFFER_MINUTES,
  MIN_SESSION_MINUTES,
  RECORDING_MODES,
  TRIGGER_KINDS,
  type MaskingMode,
  type RecordingMode,
  type SdkConfig,
  type TriggerKind,
} from "../replay/protocol";
import type { FetchLike } from "./transport";

// The server's answer is validated, not trusted: an unexpected shape means no recording at all
// rather than recording with settings we did not understand.
export function parseSdkConfig(value: unknown): SdkConfig | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!includes(MASKING_MODES, v.maskingMode) || !includes(RECORDING_MODES, v.recordingMode)) return null;
  if (!Array.isArray(v.triggers) || !v.triggers.every((t) => includes(TRIGGER_KINDS, t))) return null;
  const maskSelectors = selectors(v.maskSelectors);
  const unmaskSelectors = selectors(v.unmaskSelectors);
  const blockSelectors = selectors(v.blockSelectors);
  const sensitivePages = selectors(v.sensitivePages, MAX_SENSITIVE_PAGE_PATTERNS);
  const pathSegmentAllowList = selectors(v.pathSegmentAllowList, MAX_PATH_SEGMENT_ALLOW_LIST);
  if (!maskSelectors || !unmaskSelectors || !blockSelectors || !sensitivePages || !pathSegmentAllowList) return null;
  if (!isNumber(v.bufferMinutes) || !isNumber(v.samplingRate) || !isNumber(v.maxSessionMinutes)) return null;
  if (v.vaultPublicKey !== null && (typeof v.vaultPublicKey !== "string" || !/^[A-Za-z0-9+/=_-]{40,4096}$/.test(v.vaultPublicKey))) {
    return null;
  }
  return {
    maskingMode: v.maskingMode as MaskingMode,
    recordingMode: v.recordingMode as RecordingMode,
    triggers: [...new Set(v.triggers as TriggerKind[])],
    bufferMinutes: clamp(v.bufferMinutes, MIN_BUFFER_MINUTES, MAX_BUFFER_MINUTES),
    samplingRate: clamp(v.samplingRate, 0, 1),
    maxSessionMinutes: clamp(v.maxSessionMinutes, MIN_SESSION_MINUTES, MAX_SESSION_MINUTES),
    maskSelectors,
    unmaskSelectors,
    blockSelectors,
    sensitivePages,
    pathSegmentAllowList,
    // M3 never collects unmasked data, whatever key the server sends.
    vaultPublicKey: v.maskingMode === "M3" ? null : v.vaultPublicKey,
  };
}

export async function fetchSdkConfig(fetchFn: FetchLike, endpoint: string, siteKey: string): Promise<SdkConfig | null> {
  try {
    const res = await fetchFn(`${endpoint}${API_PATHS.sdkConfig}?siteKey=${encodeURIComponent(siteKey)}`, {
      method: "GET",
      credentials: "omit",
      mode: "cors",
      referrerPolicy: "strict-origin",
    });
    if (!res.ok) return null;
    return parseSdkConfig(await res.json());
  } catch {
    return null;
  }
}

function includes<T>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

// A list of short strings (selectors, path patterns, path segments), one per entry.
function selectors(value: unknown, max = MAX_SELECTORS): string[] | null {
  if (!Array.isArray(value) || value.length > max) return null;
  const out: string[] = [];
  for (const item of value) {
    if (typeof item !== "string" || item.length > MAX_SELECTOR_LENGTH) return null;
    const trimmed = item.trim();
    if (trimmed) out.push(trimmed);
  }
  return out;
}

import "server-only";
import type { SdkConfig } from "@/lib/replay/protocol";
import { triggerKinds } from "@/lib/db/json";
import type { PublicSite } from "@/lib/ingest/site-request";

export function splitSelectors(value: string): string[] {
  return value.split("\n").map((s) => s.trim()).filter(Boolean);
}

// What the SDK receives after consent; it takes effect for sessions that start afterwards.
export function sdkConfigFor(site: PublicSite): SdkConfig {
  return {
    maskingMode: site.maskingMode,
    recordingMode: site.recordingMode,
    triggers: triggerKinds(site.triggers),
    bufferMinutes: site.bufferMinutes,
    samplingRate: site.samplingRate,
    maxSessionMinutes: site.maxSessionMinutes,
    maskSelectors: splitSelectors(site.maskSelectors),
    unmaskSelectors: splitSelectors(site.unmaskSelectors),
    blockSelectors: splitSelectors(site.blockSelectors),
    sensitivePages: splitSelectors(site.sensitivePages),
    pathSegmentAllowList: splitSelectors(site.pathSegmentAllowList),
    // M3 never collects the unmasked stream, whatever key the site holds.
    vaultPublicKey: site.maskingMode === "M3" ? null : (site.vaultKeys[0]?.publicKey ?? null),
  };
}

import { API_PATHS, CONSENT_PROOF_PATTERN, type ConsentBody } from "../replay/protocol";
import { postInit, type FetchLike } from "./transport";
import type { RecorderContext } from "./types";

function consentBody(ctx: RecorderContext, granted: boolean, sessionId: string | null): string {
  const body: ConsentBody = { siteKey: ctx.siteKey, sessionId, granted, ...(ctx.bannerVersion ? { bannerVersion: ctx.bannerVersion } : {}) };
  return JSON.stringify(body);
}

// Consent given: the server keeps the proof and answers its id, which every upload of the session
// must carry (the server refuses uploads without one). Null when it could not be had (offline,
// refused): the caller asks again later and uploads nothing meanwhile.
export async function requestConsentProof(fetchFn: FetchLike, ctx: RecorderContext, sessionId: string | null): Promise<string | null> {
  try {
    const res = await fetchFn(ctx.endpoint + API_PATHS.consent, postInit(consentBody(ctx, true, sessionId), false));
    const proof = res.ok ? ((await res.json()) as { proofId?: unknown }).proofId : null;
    return typeof proof === "string" && CONSENT_PROOF_PATTERN.test(proof) ? proof : null;
  } catch {
    return null;
  }
}

// Consent withdrawn: fire and forget, surviving the page being left; the server ends every request
// to view the session's recording and deletes it.
export function sendWithdrawal(fetchFn: FetchLike, ctx: RecorderContext, sessionId: string | null): void {
  fetchFn(ctx.endpoint + API_PATHS.consent, postInit(consentBody(ctx, false, sessionId), true)).catch(() => undefined);
}

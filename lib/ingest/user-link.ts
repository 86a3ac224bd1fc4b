import "server-only";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { checkPseudonymSignature, isPseudonym, linkingPseudonym, pseudonymize, sitePseudonymKey } from "@/lib/crypto/pseudonym";
import { openPseudonymSecret } from "@/lib/sites/pseudonym-secret";
import type { PublicSite } from "@/lib/ingest/site-request";
import type { TIngestBatch } from "@/lib/ingest/schemas";

export type UserLink = { pseudonym: string; verified: boolean };

// What ingest stores for the page's user reference. Pseudonyms link recordings into the visitor's
// export and erasure and into agents' "related recordings", so only a pseudonym the publisher's
// backend signed links anything (security review M1): it is re-keyed under the site's current key
// version (rotation unlinks). Anything else (a raw id, a pseudonym without a valid, unexpired
// signature, a site without a signing secret) is hashed together with the session id: accepted,
// but bound to this one recording, exactly like a raw id. It is not refused: an expired signature
// is what a page left open too long sends, and refusing it would lose the recording of a visitor
// who may be asking for help, while a downgrade grants an impostor nothing.
export function userLinkFor(site: PublicSite, sdkSessionId: string, user: TIngestBatch["user"], now: Date): UserLink | null {
  if (!user) return null;
  // I2: raw values are hashed at once and never stored or logged.
  const versionKey = sitePseudonymKey(env().PSEUDONYM_SECRET, site.id, site.pseudonymKeyVersion);
  if (!("pseudonym" in user)) return { pseudonym: pseudonymize(versionKey, `${sdkSessionId}:${user.id}`), verified: false };
  if (!isPseudonym(user.pseudonym)) throw new AppError("bad_request", "user.pseudonym is not a Replaydesk pseudonym (ps_...).");
  const secretKey = user.signature ? signingKey(site) : null;
  if (secretKey && checkPseudonymSignature(secretKey, site.publicKey, user.pseudonym, user.signature!, Math.floor(now.getTime() / 1000)) === "valid") {
    return { pseudonym: linkingPseudonym(versionKey, user.pseudonym), verified: true };
  }
  return { pseudonym: pseudonymize(versionKey, `${sdkSessionId}:${user.pseudonym}`), verified: false };
}

// A secret that no longer opens (MASTER_KEY changed) verifies nothing, which is safe: it never
// grants a link, and the recording itself is still kept.
function signingKey(site: PublicSite): Buffer | null {
  try {
    return openPseudonymSecret(site);
  } catch {
    return null;
  }
}

// Replaydesk pseudonym helper for your backend (Node.js 16+, no dependencies). The same code as the
// Node.js block of docs/sdk.md (section 2.1), tested against its vectors.
// Copy this file into your server code. Give it the site's pseudonym signing secret (rdps_…,
// shown once when an admin generates it on the site's page in Replaydesk; keep it in your secret
// store, never in a page), the site key (pk_…) and your user id; render the result into the page
// and pass it to Replaydesk.init({ user }). The signature proves to Replaydesk that your backend
// vouches for this pseudonym; without it a pseudonym links nothing.
import { createHmac } from "node:crypto";

// secret: the site's rdps_… signing secret; siteKey: "pk_…"; expiresAt: Unix seconds (≤ 24 h ahead).
export function replaydeskUser(secret, siteKey, userId, expiresAt = Math.floor(Date.now() / 1000) + 3600) {
  if (!/^rdps_[A-Za-z0-9_-]{43}$/.test(String(secret))) throw new Error("secret must be the rdps_… signing secret shown in Replaydesk");
  if (typeof userId !== "string" || userId === "") throw new Error("userId must be a non-empty string");
  const key = Buffer.from(String(secret).slice(5), "base64url");
  const hmac = (message) => createHmac("sha256", key).update(message, "utf8").digest();
  const pseudonym = "ps_" + hmac("replaydesk-pseudonym:v1:" + userId).subarray(0, 16).toString("base64url");
  const mac = hmac(`replaydesk-pseudonym-signature:v1:${siteKey}:${pseudonym}:${expiresAt}`).toString("base64url");
  return { pseudonym, signature: `${expiresAt}.${mac}` };
}

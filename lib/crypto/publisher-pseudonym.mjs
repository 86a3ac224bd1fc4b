// Replaydesk pseudonym helper for your backend (Node.js 16+, no dependencies).
// Copy this file into your server code. Give it the site's pseudonym signing secret (rdps_…,
// shown once when an admin generates it on the site's page in Replaydesk; keep it in your secret
// store, never in a page), the site key (pk_…) and your user id; render the result into the page
// and pass it to Replaydesk.init({ user }). The signature proves to Replaydesk that your backend
// vouches for this pseudonym; without it a pseudonym links nothing (docs/sdk.md).
import { createHmac } from "node:crypto";

const SECRET_SHAPE = /^rdps_[A-Za-z0-9_-]{43}$/;

/**
 * @param {string} secret the site's pseudonym signing secret ("rdps_" + 43 base64url characters)
 * @param {string} siteKey the site key ("pk_…")
 * @param {string} userId your internal user id; it never leaves your server
 * @param {number} [expiresAt] Unix time in seconds; default one hour from now (Replaydesk refuses more than 24 hours ahead)
 * @returns {{ pseudonym: string, signature: string }} e.g. { pseudonym: "ps_…", signature: "1893456000.…" }
 */
export function replaydeskUser(secret, siteKey, userId, expiresAt = Math.floor(Date.now() / 1000) + 3600) {
  if (!SECRET_SHAPE.test(String(secret))) throw new Error("secret must be the rdps_… signing secret shown in Replaydesk");
  if (typeof userId !== "string" || userId === "") throw new Error("userId must be a non-empty string");
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= 0) throw new Error("expiresAt must be a Unix time in seconds");
  const key = Buffer.from(String(secret).slice(5), "base64url");
  const hmac = (message) => createHmac("sha256", key).update(message, "utf8").digest();
  const pseudonym = "ps_" + hmac("replaydesk-pseudonym:v1:" + userId).subarray(0, 16).toString("base64url");
  const mac = hmac(`replaydesk-pseudonym-signature:v1:${siteKey}:${pseudonym}:${expiresAt}`).toString("base64url");
  return { pseudonym, signature: `${expiresAt}.${mac}` };
}

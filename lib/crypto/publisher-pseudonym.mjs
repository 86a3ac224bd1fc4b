// Replaydesk pseudonym helper for your backend (Node.js 16+, no dependencies).
// Copy this file into your server code and pass the site pseudonym key shown in Replaydesk
// (Site settings). Send Replaydesk the returned pseudonym instead of your real user id.
// Keep the key secret: anyone holding it can test guesses of user ids against pseudonyms.
import { createHmac } from "node:crypto";

/**
 * @param {string} siteKeyBase64url the site pseudonym key (base64url, 32 bytes)
 * @param {string} userId your internal user id
 * @returns {string} the pseudonym, e.g. "ps_3q2-7wRk..."
 */
export function replaydeskPseudonym(siteKeyBase64url, userId) {
  const key = Buffer.from(String(siteKeyBase64url).trim(), "base64url");
  if (key.length !== 32 || key.toString("base64url") !== String(siteKeyBase64url).trim()) {
    throw new Error("Replaydesk site pseudonym key must be the 43-character base64url value shown in Replaydesk");
  }
  if (typeof userId !== "string" || userId === "") throw new Error("userId must be a non-empty string");
  const mac = createHmac("sha256", key).update(userId, "utf8").digest();
  return "ps_" + mac.subarray(0, 16).toString("base64url");
}

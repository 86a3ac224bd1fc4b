import path from "node:path";
import { pathToFileURL } from "node:url";

// The publisher's helper (lib/crypto/publisher-pseudonym.mjs) as a publisher's backend runs it:
// plain .mjs (the project has allowJs off), so it is loaded untyped and narrowed here.
export type SignedUser = { pseudonym: string; signature: string };
export type PublisherSigner = (secret: string, siteKey: string, userId: string, expiresAt?: number) => SignedUser;

export async function publisherSigner(): Promise<PublisherSigner> {
  const mod: unknown = await import(pathToFileURL(path.resolve(import.meta.dirname, "../../lib/crypto/publisher-pseudonym.mjs")).href);
  const fn = (mod as { replaydeskUser?: unknown }).replaydeskUser;
  if (typeof fn !== "function") throw new Error("replaydeskUser is missing from the publisher helper");
  return (...args) => {
    const result: unknown = fn(...args);
    const user = result as Partial<SignedUser> | null;
    if (typeof user?.pseudonym !== "string" || typeof user.signature !== "string") throw new Error("replaydeskUser did not return { pseudonym, signature }");
    return { pseudonym: user.pseudonym, signature: user.signature };
  };
}

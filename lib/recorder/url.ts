import { MAX_PAGE_URL_LENGTH } from "../replay/protocol";

// Query strings and fragments routinely carry personal data (?email=, reset tokens, #access_token),
// so only origin + path ever leave the page.
export function stripUrl(href: string): string {
  let out: string;
  try {
    const url = new URL(href);
    out = url.origin === "null" ? "" : url.origin + url.pathname;
  } catch {
    out = "";
  }
  return out.slice(0, MAX_PAGE_URL_LENGTH);
}

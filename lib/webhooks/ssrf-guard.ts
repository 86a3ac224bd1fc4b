import { BlockList, isIP } from "node:net";
import { lookup } from "node:dns/promises";

// Admin-supplied URLs are fetched by the server: one naming (or resolving to) an internal address
// would let an admin probe or poke the network behind Replaydesk. Refused unless the operator's
// allow-list (WEBHOOK_ALLOWED_HOSTS) names the host. Checked when the URL is saved and again at
// each delivery, where the request connects to the address checked (no second DNS answer).

const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // unspecified / "this network"
  ["10.0.0.0", 8], // RFC 1918
  ["100.64.0.0", 10], // CGNAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata)
  ["172.16.0.0", 12], // RFC 1918
  ["192.168.0.0", 16], // RFC 1918
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) BLOCKED.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["fc00::", 7], // ULA
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) BLOCKED.addSubnet(net, prefix, "ipv6");

// An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
function unmapped(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address, family: isIP(address) === 6 ? "ipv6" : "ipv4" };
}

export function isInternalAddress(address: string): boolean {
  if (isIP(address) === 0) return true; // not an address at all: never connect to it
  const a = unmapped(address);
  return BLOCKED.check(a.address, a.family);
}

export function parseAllowedHosts(setting: string): Set<string> {
  return new Set(setting.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean));
}

// The URL's host as DNS and the allow-list know it: lower case, IPv6 without brackets.
function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
}

export type UrlVerdict = { ok: true; url: URL; host: string; allowListed: boolean } | { ok: false; reason: string };

// The pure part: scheme, credentials, and a literal address in the URL.
export function checkWebhookUrlShape(raw: string, allowedHosts: Set<string>): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "The webhook URL is not a valid URL." };
  }
  const host = hostOf(url);
  const allowListed = allowedHosts.has(host);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowListed)) {
    return { ok: false, reason: "The webhook URL must use https (http only for a host in WEBHOOK_ALLOWED_HOSTS)." };
  }
  if (url.username || url.password) return { ok: false, reason: "The webhook URL must not carry a user name or password." };
  if (!allowListed && isIP(host) !== 0 && isInternalAddress(host)) {
    return { ok: false, reason: "The webhook URL names a loopback, private or reserved address; an operator may admit its host with WEBHOOK_ALLOWED_HOSTS." };
  }
  return { ok: true, url, host, allowListed };
}

export type ResolvedTarget = { url: URL; address: string; family: 4 | 6 };

export class WebhookUrlRefused extends Error {
  override name = "WebhookUrlRefused";
}

// The DNS part: every address the host resolves to must be public (an attacker's name may answer
// with a public and a private one), unless the host is allow-listed. Returns the address to connect to.
export async function resolveWebhookTarget(raw: string, allowedHosts: Set<string>): Promise<ResolvedTarget> {
  const verdict = checkWebhookUrlShape(raw, allowedHosts);
  if (!verdict.ok) throw new WebhookUrlRefused(verdict.reason);
  const literal = isIP(verdict.host);
  const addresses = literal ? [{ address: verdict.host, family: literal }] : await lookup(verdict.host, { all: true, verbatim: true });
  if (addresses.length === 0) throw new WebhookUrlRefused("The webhook URL's host does not resolve.");
  if (!verdict.allowListed && addresses.some((a) => isInternalAddress(a.address))) {
    throw new WebhookUrlRefused("The webhook URL's host resolves to a loopback, private or reserved address; an operator may admit it with WEBHOOK_ALLOWED_HOSTS.");
  }
  const first = addresses[0]!;
  return { url: verdict.url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

import { BlockList, isIP } from "node:net";

// Who is on the other end of a request, and whether it is this machine. Pure (no server-only):
// lib/config/env.ts uses it to decide what may run without a mail server.

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

// The address this server's nearest proxy saw: the LAST X-Forwarded-For entry (`npm start`'s own
// server appends the socket's address, scripts/serve.mjs; a load balancer in front of
// `next start` appends the address it saw). Earlier entries are whatever the client sent.
export function peerAddress(headers: Headers): string | null {
  return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
}

export function isLoopbackAddress(address: string): boolean {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip);
  return family !== 0 && loopback.check(ip, family === 4 ? "ipv4" : "ipv6");
}

// A URL that only this machine can reach: localhost, 127.0.0.0/8 or [::1].
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  return host === "localhost" || isLoopbackAddress(host);
}

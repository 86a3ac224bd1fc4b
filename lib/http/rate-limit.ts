import "server-only";
import { isIPv6 } from "node:net";
import { AppError } from "@/lib/errors";
import { peerAddress } from "@/lib/http/peer";

// A fixed-window counter per key, in this process's memory: it protects one instance from one
// abusive client. Deployments with several instances multiply the allowance by their count.
type Window = { start: number; count: number; ms: number };
const windows = new Map<string, Window>();
const MAX_KEYS = 50_000;

// When the table is full, expired windows go first, then the least recently used. Never
// everything at once: filling the table would otherwise reset every client's count, and a client
// still sending is never the least recently used, so its count stays.
function makeRoom(now: number): void {
  for (const [key, w] of windows) if (now - w.start >= w.ms) windows.delete(key);
  for (const key of windows.keys()) {
    if (windows.size < MAX_KEYS * 0.9) break;
    windows.delete(key);
  }
}

export function rateLimit(key: string, limit: number, windowMs: number, now = Date.now()): void {
  let w = windows.get(key);
  if (!w && windows.size >= MAX_KEYS) makeRoom(now);
  if (!w || now - w.start >= windowMs) w = { start: now, count: 0, ms: windowMs };
  // Re-inserted on every use: the Map's order is least recently used first.
  windows.delete(key);
  windows.set(key, w);
  w.count += 1;
  if (w.count > limit) {
    throw new AppError("rate_limited", `Too many requests; try again in ${Math.ceil((w.start + windowMs - now) / 1000)} s.`);
  }
}

// One key per client: IPv4 addresses as they are (also when written IPv4-mapped), IPv6 by /64,
// since one host usually holds a whole /64 and could otherwise rotate through it.
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...new Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}

// The client is the peer the nearest proxy saw (lib/http/peer.ts), never what the client claimed.
export function clientKey(req: Request): string {
  const peer = peerAddress(req.headers);
  return peer ? addressKey(peer) : "unknown";
}

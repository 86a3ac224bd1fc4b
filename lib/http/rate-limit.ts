import "server-only";
import { AppError } from "@/lib/errors";

// A fixed-window counter per key, in this process's memory: it protects one instance from one
// abusive client. Deployments with several instances multiply the allowance by their count.
type Window = { start: number; count: number };
const windows = new Map<string, Window>();
const MAX_KEYS = 50_000;

export function rateLimit(key: string, limit: number, windowMs: number, now = Date.now()): void {
  let w = windows.get(key);
  if (!w || now - w.start >= windowMs) {
    if (windows.size >= MAX_KEYS) windows.clear();
    w = { start: now, count: 0 };
    windows.set(key, w);
  }
  w.count += 1;
  if (w.count > limit) {
    throw new AppError("rate_limited", `Too many requests; try again in ${Math.ceil((w.start + windowMs - now) / 1000)} s.`);
  }
}

// The client address: Next.js fills X-Forwarded-For from the socket when the request has none;
// behind a proxy it is the proxy's value. A client can put its own value there to dodge its
// per-client limit, which is why per-site limits also apply where it matters.
export function clientKey(req: Request): string {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

// The agent panel's rules, pure (no I/O).
import type { ScopedActor } from "@/lib/auth/scope";
import { coversSite } from "@/lib/auth/scope";
import { can, type Permission } from "@/lib/auth/policy";

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_CODE_FAILURES = 5;
export const SESSION_TTL_MS = 8 * 3_600_000;
export const SESSION_COOKIE = "rd_embed";
// Per address and per client: codes asked for, and codes tried.
export const CODE_REQUESTS_PER_HOUR = 5;
export const CODE_ATTEMPTS_PER_MINUTE = 10;

// The panel is the desk for one site: who may read that site's queue may use it.
export const PANEL_PERMISSION: Permission = "ticket:read";

export function mayUsePanel(actor: (ScopedActor & { permissions: ReadonlySet<Permission> }) | null, siteId: string, permission: Permission = PANEL_PERMISSION): boolean {
  return actor !== null && can(actor, permission) && coversSite(actor, permission, siteId);
}

// A code row still worth comparing against: not used, not expired, not worn out by wrong tries.
export function codeUsable(code: { usedAt: Date | null; expiresAt: Date; failures: number }, now: Date): boolean {
  return code.usedAt === null && code.expiresAt > now && code.failures < MAX_CODE_FAILURES;
}

// Set-Cookie for the panel's session: sent inside a helpdesk's cross-site frame, so SameSite=None
// (hence Secure) and Partitioned (CHIPS: kept per top-level site, so third-party cookie blocking
// leaves it); Path=/embed keeps it off every other page and API of the app.
export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${token}; Path=/embed; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=None; Partitioned`;
}

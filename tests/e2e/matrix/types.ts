// Shared vocabulary of the permission matrix: who asks, and the status each must get.
export type Who = "anon" | "customer" | "agent" | "supervisor" | "admin";
export type Expect = Record<Who, number>;
// One row: "METHOD /route/pattern" -> the concrete path to request, the expected statuses, and an
// optional JSON body for writes.
export type Entry = { path: string; expect: Expect; json?: unknown; form?: Record<string, string> };

export const all = (status: number): Expect => ({ anon: status, customer: status, agent: status, supervisor: status, admin: status });
export const signedIn = (status: number, anon = 401): Expect => ({ ...all(status), anon });
// Granted roles get `status`, other signed-in roles 403, signed out `anon` (401 for APIs, 307 for pages).
export const onlyFor = (roles: Who[], status = 200, anon = 401): Expect => ({
  anon,
  customer: roles.includes("customer") ? status : 403,
  agent: roles.includes("agent") ? status : 403,
  supervisor: roles.includes("supervisor") ? status : 403,
  admin: roles.includes("admin") ? status : 403,
});

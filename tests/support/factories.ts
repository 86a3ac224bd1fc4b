import { randomBytes } from "node:crypto";
import { actorForUser, type Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/policy";
import { db } from "@/lib/db/client";
import { createSite } from "@/lib/sites/create-site";
import { grantRole } from "@/lib/users/grants";
import { recordVisit } from "./sdk-calls";
import { confirmedTicketFromSdk } from "./tickets";

// The things integration suites need in the database, made by the domain's own functions (the
// same calls the admin pages, the SDK and the support form end in), so that a test's setup cannot
// drift from what the app writes. Names and addresses carry a random suffix: suites share one
// database.

const by = { id: null, label: "test" };
export type StaffRole = Exclude<Role, "customer">;

export const uniqueSuffix = () => randomBytes(4).toString("hex");
export const testEmail = (label: string) => `${label}-${uniqueSuffix()}@t.example`;

// A site as an admin creates it.
export function newSite(label: string, origins: string[]) {
  return createSite({ name: `${label} ${uniqueSuffix()}`, origins, by });
}

// An account as sign-in resolves it: the given staff grants (made as an admin makes them, audited)
// or none (a customer), and optionally a display name.
export async function account(email: string, grants: { role: StaffRole; siteId?: string | null }[] = [], name?: string): Promise<Actor> {
  for (const g of grants) await grantRole({ email, role: g.role, siteId: g.siteId ?? null, by });
  const user = await db().user.upsert({ where: { email }, update: name ? { name } : {}, create: { email, name } });
  return (await actorForUser(user.id))!;
}

// One staff member with one role (on every site unless `siteId`), under a fresh address.
export const staff = (label: string, role: StaffRole, siteId: string | null = null) => account(testEmail(label), [{ role, siteId }]);

// A recording as the SDK makes it (consent, then a triggered upload, through the routes); the
// overrides replace fields of the upload (events, user…).
export async function newRecording(on: { publicKey: string }, origin: string, overrides: Record<string, unknown> = {}) {
  const session = await recordVisit(on, origin, overrides);
  const row = await db().recording.findFirstOrThrow({ where: { sdkSessionId: session.sessionId }, select: { id: true } });
  return { ...session, recordingId: row.id };
}

// A recording and the ticket `customer` files about it from the site's support form, confirmed
// as theirs.
export async function ticketWithRecording(on: { id: string; publicKey: string }, origin: string, customer: { email: string }, overrides: Record<string, unknown> = {}) {
  const made = await newRecording(on, origin, overrides);
  const ticket = await confirmedTicketFromSdk(on, { email: customer.email, subject: `Help ${uniqueSuffix()}`, message: "It fails", sessionId: made.sessionId });
  return { ...made, ticketId: ticket.ticketId };
}

// What staff choose to be emailed about (User.notifyOn). Pure and browser-safe: the account page's
// form shows the same list the server reads.
import type { Prisma } from "@/generated/sqlite";
import { stringList } from "@/lib/db/json";

export const STAFF_NOTIFICATIONS = ["assigned-customer-message", "unassigned-customer-message", "reveal-decided"] as const;
export type StaffNotification = (typeof STAFF_NOTIFICATIONS)[number];

// The column's default (prisma/schema.prisma says the same): opted out of the unassigned queue's
// traffic, which on a busy site is every customer message.
export const DEFAULT_STAFF_NOTIFICATIONS: readonly StaffNotification[] = ["assigned-customer-message", "reveal-decided"];

export const STAFF_NOTIFICATION_LABELS: Record<StaffNotification, string> = {
  "assigned-customer-message": "A customer writes on a ticket assigned to me",
  "unassigned-customer-message": "A customer writes on an unassigned ticket of my sites",
  "reveal-decided": "A customer approves or declines my request to view a recording",
};

export function isStaffNotification(value: string): value is StaffNotification {
  return (STAFF_NOTIFICATIONS as readonly string[]).includes(value);
}

// User.notifyOn as stored; names this version does not know (a later one may add some) are ignored.
export function staffNotificationsOf(value: Prisma.JsonValue): StaffNotification[] {
  return stringList(value, "User.notifyOn").filter(isStaffNotification);
}

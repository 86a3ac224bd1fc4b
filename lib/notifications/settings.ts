import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { staffNotificationsOf } from "@/lib/notifications/preferences";
import type { TNotificationSettings } from "@/lib/notifications/schemas";

// A staff member's choice of the ticket events they are emailed about (User.notifyOn). Customers
// have none to make: they are always told about their own tickets.

export async function getNotificationSettings(actor: Actor) {
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { notifyOn: true } });
  return { notifyOn: staffNotificationsOf(user.notifyOn) };
}

export async function setNotificationSettings(actor: Actor, input: TNotificationSettings) {
  await db().user.update({ where: { id: actor.userId }, data: { notifyOn: input.notifyOn } });
  return { notifyOn: input.notifyOn };
}

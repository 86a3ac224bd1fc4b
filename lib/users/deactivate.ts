import "server-only";
import { db } from "@/lib/db/client";
import { appendAudit } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import type { ActingUser } from "@/lib/users/grants";

// A leaver's deactivation ends their sessions at once: the session rows go in the same
// transaction, so their very next request is signed out (and actorForUser refuses the account).
// Grants are kept as they were, so a reactivation restores exactly the previous access.
export async function setUserActive(by: ActingUser, userId: string, active: boolean, now = new Date()) {
  if (!active && by.id === userId) throw new AppError("conflict", "You cannot deactivate your own account.");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, deactivatedAt: true } });
    if (!user) throw new AppError("not_found", "No such user.");
    if (active === (user.deactivatedAt === null)) return { changed: false, sessionsEnded: 0 };
    await tx.user.update({ where: { id: userId }, data: { deactivatedAt: active ? null : now } });
    const { count } = active ? { count: 0 } : await tx.session.deleteMany({ where: { userId } });
    await appendAudit(
      {
        actor: by,
        action: active ? "user.reactivate" : "user.deactivate",
        target: { type: "user", id: userId },
        details: active ? { deactivatedAt: { from: user.deactivatedAt?.toISOString() ?? null, to: null } } : { deactivatedAt: { from: null, to: now.toISOString() }, sessionsEnded: count },
        at: now,
      },
      tx,
    );
    return { changed: true, sessionsEnded: count };
  });
}

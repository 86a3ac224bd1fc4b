import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/generated/sqlite";
import type { TriggerKind } from "@/lib/replay/protocol";
import { triggerKinds } from "@/lib/db/json";

// L2 enforced by the server (privacy point 3): an upload may claim only a trigger the site enabled
// (Site.triggers), so a page's code cannot upload sessions by firing a kind the publisher turned off.
export function requireEnabledTrigger(site: { triggers: Prisma.JsonValue }, trigger: { kind: TriggerKind } | undefined): void {
  if (!trigger) return;
  const enabled = triggerKinds(site.triggers);
  if (!enabled.includes(trigger.kind)) throw new AppError("forbidden", `This site does not enable the "${trigger.kind}" trigger (enabled: ${enabled.join(", ") || "none"}).`);
}

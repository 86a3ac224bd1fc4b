import type { Prisma } from "@/generated/sqlite";
import { TRIGGER_KINDS, type TriggerKind } from "@/lib/replay/protocol";

// Readers for the Json columns. Pure (no server-only import): lib/sites/settings-schema.ts, which
// the admin forms share with the server, reads the stored settings with them. The column type says
// only "JSON", so each read checks the shape it expects instead of casting it; a value of another
// shape is a bug or a damaged row, reported as such rather than spread through the code. (Writes
// pass arrays and objects as they are: a JSON.stringify'd string would be stored as a JSON string,
// and these readers refuse it.)

export function stringList(value: Prisma.JsonValue, column: string): string[] {
  if (Array.isArray(value) && value.every((v): v is string => typeof v === "string")) return value;
  throw new Error(`${column} does not hold a list of strings`);
}

export function triggerKinds(value: Prisma.JsonValue): TriggerKind[] {
  return stringList(value, "Site.triggers").filter((v): v is TriggerKind => (TRIGGER_KINDS as readonly string[]).includes(v));
}

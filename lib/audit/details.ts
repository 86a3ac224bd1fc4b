import "server-only";

// An entry's details as stored. The column stays text, unlike the other JSON columns: the chain
// hashes these exact bytes (lib/audit/chain.ts), and a JSON column would not keep them (PostgreSQL's
// jsonb reorders keys). Read them through here; anything but an object reads as none.
export function auditDetails(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}

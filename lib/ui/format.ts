// Display helpers shared by pages (browser-safe).
export function formatDateTime(iso: string | null): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${seconds % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const STATUS_LABEL: Record<string, string> = {
  pending: "waiting for the customer",
  approved: "approved",
  declined: "declined",
  expired: "expired",
  withdrawn: "withdrawn by the customer",
  revoked: "revoked",
};

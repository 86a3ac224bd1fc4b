// Browser-side access to the JSON API: one fetch helper that turns error bodies into readable
// Errors, and the TanStack Query key factories, so every component names data the same way.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await fetch(path, {
    method: init?.method ?? "GET",
    headers: init?.body === undefined ? undefined : { "Content-Type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const message = (data as { error?: { message?: string } } | null)?.error?.message ?? `Request failed (${res.status}).`;
    throw new ApiError(res.status, message);
  }
  return data as T;
}

export const ticketKeys = {
  queue: (filter: object) => ["desk", "queue", filter] as const,
  deskDetail: (id: string) => ["desk", "ticket", id] as const,
  own: () => ["me", "tickets"] as const,
  ownDetail: (id: string) => ["me", "ticket", id] as const,
};

export const recordingKeys = {
  events: (id: string, scope: string) => ["desk", "recording", id, scope] as const,
};

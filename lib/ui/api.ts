// Browser-side access to the JSON API: the one fetch helper and the one error type, used by every
// client component (desk, support, admin). Domain hooks live beside it (lib/ui/<domain>.ts).
import { fieldErrors, type FieldIssue } from "@/lib/errors";

// A failed call: the HTTP status (0: the server could not be reached), the server's message, and
// for a bad input its per-field issues; `fields` holds the first message per top-level field, for
// a form to show beside each input.
export class ApiError extends Error {
  readonly fields: Partial<Record<string, string>>;

  constructor(
    readonly status: number,
    message: string,
    readonly issues: FieldIssue[] = [],
    // The catalog id of a message customers see in their language (lib/i18n/client.ts useErrorText).
    readonly key?: string,
  ) {
    super(message);
    this.fields = fieldErrors(issues);
  }
}

// What a server function's result becomes on the wire: dates as ISO strings. Client types are
// this applied to the server function's return type, never written by hand.
type Wire<T> = T extends Date ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;
// What a route answers that returns the server function F's result.
export type WireResult<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;

type ErrorBody = { error?: { message?: string; key?: string; issues?: FieldIssue[] } } | null;

export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init?.method ?? "GET",
      headers: init?.body === undefined ? undefined : { "Content-Type": "application/json" },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "The server could not be reached. Check your connection and try again.");
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    if (res.ok) throw new ApiError(res.status, "The server's answer was not JSON.");
  }
  if (!res.ok) {
    const error = (data as ErrorBody)?.error;
    throw new ApiError(res.status, error?.message ?? `Request failed (${res.status}).`, error?.issues, error?.key);
  }
  return data as T;
}

export const post = <T>(path: string, body?: unknown) => api<T>(path, { method: "POST", body });

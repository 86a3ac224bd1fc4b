"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

// A failed call's message, and the per-field messages found in it ("field: message; ...").
export class ApiError extends Error {
  constructor(
    message: string,
    readonly fields: Partial<Record<string, string>>,
  ) {
    super(message);
  }
}

function fieldsOf(message: string): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const part of message.split("; ")) {
    const m = /^([A-Za-z]+)(?:\.[\w.]+)?: (.+)$/.exec(part);
    if (m && m[1] !== "body") out[m[1]!] ??= m[2]!;
  }
  return out;
}

export async function callApi<T>(method: "POST" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("The server could not be reached. Check your connection and try again.", {});
  }
  const data = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) {
    const message = data?.error?.message ?? `The request failed (HTTP ${res.status}).`;
    throw new ApiError(message, fieldsOf(message));
  }
  return data as T;
}

// A mutation against the admin API that re-renders the server components on success.
export function useAdminMutation<V, R>(fn: (vars: V) => Promise<R>, onSuccess?: (result: R, vars: V) => void) {
  const router = useRouter();
  return useMutation<R, ApiError, V>({
    mutationFn: fn,
    onSuccess: (result, vars) => {
      onSuccess?.(result, vars);
      router.refresh();
    },
  });
}

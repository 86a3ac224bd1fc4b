"use client";
// A change made from a page that loads on the server (RSC: the admin, custody and validation
// pages): on success the page's server components render again, after `onSuccess` if given.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { ApiError } from "@/lib/ui/api";

export type OnSuccess<R, V> = (result: R, vars: V) => void;

export function useServerPageMutation<V, R>(call: (vars: V) => Promise<R>, onSuccess?: OnSuccess<R, V>) {
  const router = useRouter();
  return useMutation<R, ApiError, V>({
    mutationFn: call,
    onSuccess: (result, vars) => {
      onSuccess?.(result, vars);
      router.refresh();
    },
  });
}

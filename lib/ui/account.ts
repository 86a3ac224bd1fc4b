"use client";
// The customer's own account, browser side: language and time zone, deleting one of their
// recordings at once, deleting the account. Result types from the server functions (WireResult<…>).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { useRouter } from "next/navigation";
import type { deleteCustomerAccount } from "@/lib/account/customer-rights";
import type { ZAccountPreferences } from "@/lib/account/schemas";
import type { setAccountPreferences } from "@/lib/account/set-preferences";
import { DELETE_CONFIRMATION } from "@/lib/retention/rules";
import { api, type ApiError, type WireResult } from "@/lib/ui/api";
import { ticketKeys } from "@/lib/ui/tickets";

// A recording of one of their tickets; the ticket reloads without it.
export function useDeleteOwnRecording(ticketId: string) {
  const client = useQueryClient();
  return useMutation<{ deleted: true }, ApiError, string>({
    mutationFn: (recordingId) => api(`/api/v1/recordings/${recordingId}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketKeys.ownDetail(ticketId) }),
  });
}

// The page has asked for the confirmation phrase before calling this; the route requires it too.
export const useDeleteAccount = () =>
  useMutation<{ deleted: true } & WireResult<typeof deleteCustomerAccount>, ApiError, void>({
    mutationFn: () => api("/api/v1/me", { method: "DELETE", body: { confirm: DELETE_CONFIRMATION } }),
  });

// The page is rendered on the server in the account's language: it reloads in the new one.
export function useSetAccountPreferences() {
  const router = useRouter();
  return useMutation<WireResult<typeof setAccountPreferences>, ApiError, z.input<typeof ZAccountPreferences>>({
    mutationFn: (preferences) => api("/api/v1/me", { method: "PATCH", body: preferences }),
    onSuccess: () => router.refresh(),
  });
}

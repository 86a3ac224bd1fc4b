"use client";
// The customer's own rights, browser side: deleting one of their recordings at once, deleting the
// account. Result types from the server functions (WireResult<…>).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { deleteCustomerAccount } from "@/lib/account/customer-rights";
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

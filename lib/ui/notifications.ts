"use client";
// The staff's notification settings on the account page: one read, one save. Result types from
// the server functions (WireResult<…>).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TNotificationSettings } from "@/lib/notifications/schemas";
import type { getNotificationSettings, setNotificationSettings } from "@/lib/notifications/settings";
import { api, type ApiError, type WireResult } from "@/lib/ui/api";

export const notificationKeys = { settings: () => ["me", "notifications"] as const };

export const useNotificationSettings = () =>
  useQuery({ queryKey: notificationKeys.settings(), queryFn: () => api<WireResult<typeof getNotificationSettings>>("/api/v1/me/notifications") });

export function useSaveNotificationSettings() {
  const client = useQueryClient();
  return useMutation<WireResult<typeof setNotificationSettings>, ApiError, TNotificationSettings>({
    mutationFn: (body) => api("/api/v1/me/notifications", { method: "PUT", body }),
    onSuccess: (saved) => client.setQueryData(notificationKeys.settings(), saved),
  });
}

"use client";
// The ticket pages' data, desk and customer side: query keys, one hook per read and per change.
// Types are the server functions' results as they travel (WireResult<…>), never written by hand.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { confirmTicketClaim } from "@/lib/tickets/confirm-ticket-claim";
import type { createOwnTicket } from "@/lib/tickets/create-ticket";
import type { linkRelatedRecording, listRelatedRecordings } from "@/lib/tickets/related-recordings";
import type { ZOwnTicketInput, ZOwnTicketPatch, ZQueueTicketPatch } from "@/lib/tickets/schemas";
import type { getOwnTicket, getQueueTicket, listOwnTickets, listQueue } from "@/lib/tickets/ticket-views";
import type { addMessage } from "@/lib/tickets/update-ticket";
import type { linkTicketBySupportCode } from "@/lib/support-codes/support-codes";
import { api, post, type ApiError, type WireResult } from "@/lib/ui/api";

export type TDeskTicket = WireResult<typeof getQueueTicket>;
export type TOwnTicket = WireResult<typeof getOwnTicket>;
export type TQueueTicket = WireResult<typeof listQueue>[number];
export type TOwnTicketSummary = WireResult<typeof listOwnTickets>[number];
export type TRelatedRecordings = WireResult<typeof listRelatedRecordings>;
export type TMessage = (TDeskTicket | TOwnTicket)["messages"][number];

// The queue page's filter as its selects hold it ("" for any); the route checks the values (ZQueueQuery).
export type QueueFilter = { status: string; siteId: string; assignee: string };

export const ticketKeys = {
  queue: (filter: QueueFilter) => ["desk", "queue", filter] as const,
  deskDetail: (id: string) => ["desk", "ticket", id] as const,
  related: (id: string) => ["desk", "ticket", id, "related"] as const,
  own: () => ["me", "tickets"] as const,
  ownDetail: (id: string) => ["me", "ticket", id] as const,
};

export const useQueue = (filter: QueueFilter) =>
  useQuery({
    queryKey: ticketKeys.queue(filter),
    queryFn: () => api<{ tickets: TQueueTicket[] }>(`/api/v1/desk/tickets?${new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ""))}`),
  });
// deskApi: where the desk's routes are (the agent panel inside a helpdesk has its own, under /embed).
export const DESK_API = "/api/v1/desk";
export const useDeskTicket = (id: string, deskApi = DESK_API) => useQuery({ queryKey: ticketKeys.deskDetail(id), queryFn: () => api<TDeskTicket>(`${deskApi}/tickets/${id}`) });
export const useRelatedRecordings = (id: string) => useQuery({ queryKey: ticketKeys.related(id), queryFn: () => api<TRelatedRecordings>(`/api/v1/desk/tickets/${id}/related-recordings`) });
export const useOwnTickets = () => useQuery({ queryKey: ticketKeys.own(), queryFn: () => api<{ tickets: TOwnTicketSummary[] }>("/api/v1/me/tickets") });
export const useOwnTicket = (id: string) => useQuery({ queryKey: ticketKeys.ownDetail(id), queryFn: () => api<TOwnTicket>(`/api/v1/me/tickets/${id}`) });

// A change to a ticket reloads it.
export function usePatchDeskTicket(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ZQueueTicketPatch>) => api(`/api/v1/desk/tickets/${id}`, { method: "PATCH", body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketKeys.deskDetail(id) }),
  });
}

export function useSetOwnTicketStatus(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (status: z.input<typeof ZOwnTicketPatch>["status"]) => api(`/api/v1/me/tickets/${id}`, { method: "PATCH", body: { status } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketKeys.ownDetail(id) }),
  });
}

// A reply in the thread, from the desk or from the customer; the ticket reloads with it.
export function useSendMessage(id: string, side: "desk" | "own") {
  const client = useQueryClient();
  return useMutation<WireResult<typeof addMessage>, ApiError, string>({
    mutationFn: (body) => post(side === "desk" ? `/api/v1/desk/tickets/${id}/messages` : `/api/v1/me/tickets/${id}/messages`, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: side === "desk" ? ticketKeys.deskDetail(id) : ticketKeys.ownDetail(id) }),
  });
}

// The emailed link's owner confirms that a request filed under their address is theirs (the token
// in the body, never in a URL).
export const useConfirmTicketClaim = () =>
  useMutation<WireResult<typeof confirmTicketClaim>, ApiError, string>({ mutationFn: (token) => post("/api/v1/tickets/confirm", { token }) });

// The customer opens a ticket from the support page; their list reloads with it.
export function useCreateOwnTicket() {
  const client = useQueryClient();
  return useMutation<WireResult<typeof createOwnTicket>, ApiError, z.input<typeof ZOwnTicketInput>>({
    mutationFn: (v) => post("/api/v1/me/tickets", v),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketKeys.own() }),
  });
}

// An agent links another recording of the same visitor to the ticket; the ticket (and the list of
// related recordings under its key) reloads.
export function useLinkBySupportCode(ticketId: string) {
  const client = useQueryClient();
  return useMutation<WireResult<typeof linkTicketBySupportCode>, ApiError, string>({
    mutationFn: (code) => post(`/api/v1/desk/tickets/${ticketId}/support-code`, { code }),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketKeys.deskDetail(ticketId) }),
  });
}

export function useLinkRelatedRecording(ticketId: string) {
  const client = useQueryClient();
  return useMutation<WireResult<typeof linkRelatedRecording>, ApiError, string>({
    mutationFn: (recordingId) => post(`/api/v1/desk/tickets/${ticketId}/related-recordings`, { recordingId }),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketKeys.deskDetail(ticketId) }),
  });
}

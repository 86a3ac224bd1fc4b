"use client";
// Viewing recordings, browser side: the agent's request, the customer's answers (approval page,
// ticket page), the supervisor's validation, the key custodian's answers, and the replay viewer's pages. Result types are the server functions'
// results as they travel (WireResult<…>), inputs the route schemas (lib/reveal/schemas.ts).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { acceptUnmasking, refuseUnmasking } from "@/lib/reveal/custody";
import type { decideReveal, lookupReveal, withdrawReveal } from "@/lib/reveal/decide-reveal";
import type { deleteDeclinedRecording } from "@/lib/reveal/delete-declined-recording";
import type { requestReveal } from "@/lib/reveal/request-reveal";
import type { ZApprovalDecision, ZCustodyAccept, ZCustodyRefuse, ZRevealRequestInput } from "@/lib/reveal/schemas";
import type { validateUnmask } from "@/lib/reveal/validate-unmask";
import type { loadOwnRecordingPage } from "@/lib/reveal/watch-own-recording";
import type { loadRecordingPage } from "@/lib/reveal/watch-recording";
import type { enrolCustody } from "@/lib/sites/vault-keys";
import { api, post, type ApiError, type WireResult as Result } from "@/lib/ui/api";
import { useServerPageMutation } from "@/lib/ui/server-page";
import { DESK_API, ticketKeys } from "@/lib/ui/tickets";

// desk: an agent watching under an approval; customer: the customer watching their own recording.
export type ReplayAudience = "desk" | "customer";
export type TRecordingPage = Result<typeof loadRecordingPage> | Result<typeof loadOwnRecordingPage>;

export const recordingKeys = {
  events: (id: string, scope: string) => ["desk", "recording", id, scope] as const,
  ownEvents: (id: string) => ["me", "recording", id] as const,
  stillAllowed: (audience: ReplayAudience, id: string, scope: string) => ["replay-allowed", audience, id, scope] as const,
};

// The approval page: the token from the email's link goes in each body, never in a URL.
export const useApprovalLookup = () => useMutation<Result<typeof lookupReveal>, ApiError, string>({ mutationFn: (token) => post("/api/v1/approvals/lookup", { token }) });
export const useApprovalDecision = () =>
  useMutation<Result<typeof decideReveal>, ApiError, z.input<typeof ZApprovalDecision>>({ mutationFn: (v) => post("/api/v1/approvals/decide", v) });
export const useDeleteDeclinedByLink = (token: string) =>
  useMutation<Result<typeof deleteDeclinedRecording>, ApiError, void>({ mutationFn: () => post("/api/v1/approvals/delete-recording", { token }) });

// An agent asks the customer, by email; the ticket reloads with the request.
export function useRequestReveal(ticketId: string, deskApi = DESK_API) {
  const client = useQueryClient();
  return useMutation<Result<typeof requestReveal>, ApiError, Omit<z.input<typeof ZRevealRequestInput>, "ticketId">>({
    mutationFn: (v) => post(`${deskApi}/reveals`, { ticketId, ...v }),
    onSuccess: () => client.invalidateQueries({ queryKey: ticketKeys.deskDetail(ticketId) }),
  });
}

export type TDeletionReceipt = Result<typeof deleteDeclinedRecording>["receipt"];

// The customer, from their ticket page: withdraw an approval (or cancel a pending request), or
// delete at once the recording of a request they declined. The ticket reloads either way;
// `onSuccess` runs first, while the component that asked is still there (the reload may remove it).
function useOwnRevealMutation<R>(ticketId: string, path: (revealId: string) => string, onSuccess?: (result: R) => void) {
  const client = useQueryClient();
  return useMutation<R, ApiError, string>({
    mutationFn: (revealId) => post(path(revealId)),
    onSuccess: (result) => {
      onSuccess?.(result);
      return client.invalidateQueries({ queryKey: ticketKeys.ownDetail(ticketId) });
    },
  });
}
export const useWithdrawReveal = (ticketId: string) => useOwnRevealMutation<Result<typeof withdrawReveal>>(ticketId, (id) => `/api/v1/me/reveals/${id}/withdraw`);
// Answers the deletion receipt, which outlives the recording on the page.
export const useDeleteDeclinedRecording = (ticketId: string, onDeleted: (receipt: TDeletionReceipt) => void) =>
  useOwnRevealMutation<Result<typeof deleteDeclinedRecording>>(ticketId, (id) => `/api/v1/me/reveals/${id}/delete-recording`, (r) => onDeleted(r.receipt));

// A supervisor validates an M1 unmask request.
export const useValidateUnmask = (revealId: string) => useServerPageMutation(() => post<Result<typeof validateUnmask>>(`/api/v1/desk/reveals/${revealId}/validate`));

// The key custodian. Enrolling answers the secret once: the page shows it before refreshing, so
// this one does not refresh by itself.
export const useEnrolCustody = (siteId: string) =>
  useMutation<Result<typeof enrolCustody>, ApiError, void>({ mutationFn: () => post(`/api/v1/custody/sites/${siteId}/enrol`) });
export const useAcceptUnmasking = (revealId: string) =>
  useServerPageMutation((v: z.input<typeof ZCustodyAccept>) => post<Result<typeof acceptUnmasking>>(`/api/v1/custody/reveals/${revealId}/accept`, v));
export const useRefuseUnmasking = (revealId: string) =>
  useServerPageMutation((v: z.input<typeof ZCustodyRefuse>) => post<Result<typeof refuseUnmasking>>(`/api/v1/custody/reveals/${revealId}/refuse`, v));

function eventsPath(recordingId: string, scope: "masked" | "unmasked", audience: ReplayAudience, after: number, deskApi: string): string {
  return audience === "desk" ? `${deskApi}/recordings/${recordingId}/events?scope=${scope}&after=${after}` : `/api/v1/me/recordings/${recordingId}/events?after=${after}`;
}
const loadPage = (recordingId: string, scope: "masked" | "unmasked", audience: ReplayAudience, after: number, deskApi: string) =>
  api<TRecordingPage>(eventsPath(recordingId, scope, audience, after, deskApi));

// A recording's events, page after page (each page starts after the last one's sequence number).
// Decrypted events are not kept in the cache once the viewer is gone, nor fetched twice.
export const useRecordingEvents = (recordingId: string, scope: "masked" | "unmasked", audience: ReplayAudience, deskApi = DESK_API) =>
  useInfiniteQuery({
    queryKey: audience === "desk" ? recordingKeys.events(recordingId, scope) : recordingKeys.ownEvents(recordingId),
    queryFn: ({ pageParam }) => loadPage(recordingId, scope, audience, pageParam, deskApi),
    initialPageParam: -1,
    getNextPageParam: (last) => (last.done ? undefined : last.lastSeq),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });

// While an agent watches, the server is asked this often whether the approval still stands: a
// withdrawal or a deletion ends the replay on screen too.
const STILL_ALLOWED_EVERY_MS = 10_000;

// Asks for the page after the last one loaded, only to learn whether the server still says yes.
export const useStillAllowed = (recordingId: string, scope: "masked" | "unmasked", audience: ReplayAudience, lastSeq: number, enabled: boolean, deskApi = DESK_API) =>
  useQuery({
    queryKey: recordingKeys.stillAllowed(audience, recordingId, scope),
    queryFn: () => loadPage(recordingId, scope, audience, lastSeq, deskApi),
    enabled: audience === "desk" && enabled,
    refetchInterval: STILL_ALLOWED_EVERY_MS,
    refetchIntervalInBackground: true,
    retry: false,
    gcTime: 0,
  });

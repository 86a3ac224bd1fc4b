"use client";
// The admin pages' calls to the API. The pages load on the server (RSC); a change goes through one
// of these mutations, which re-renders the server components on success. Result types come from
// the server functions (WireResult<…>), inputs from the route schemas (lib/<domain>/schemas.ts).
import type { z } from "zod";
import type { eraseSubjectData } from "@/lib/rights/erase-subject-data";
import type { findSubjectData } from "@/lib/rights/find-subject-data";
import type { exportSubjectData } from "@/lib/rights/export-subject-data";
import type { ZRightsRequest } from "@/lib/rights/schemas";
import type { createApiToken } from "@/lib/sites/api-tokens";
import type { createSite } from "@/lib/sites/create-site";
import type { rotatePseudonymSecret } from "@/lib/sites/pseudonym-secret";
import type { ZSiteCreate, ZSiteSettingsPatch, ZStorageLimitsPatch } from "@/lib/sites/schemas";
import type { updateStorageLimits } from "@/lib/sites/storage-limits";
import type { updateSiteSettings } from "@/lib/sites/update-settings";
import type { rotateVaultKey } from "@/lib/sites/vault-keys";
import type { setUserActive } from "@/lib/users/deactivate";
import type { confirmGrantReview } from "@/lib/users/grants";
import type { inviteStaff } from "@/lib/users/invite";
import type { resendJob } from "@/lib/jobs/resend-job";
import type { createWebhookEndpoint, disableWebhookEndpoint, rotateWebhookSecret } from "@/lib/webhooks/endpoints";
import type { ZWebhookCreate } from "@/lib/webhooks/schemas";
import type { connectSiteHelpdesk, disconnectSiteHelpdesk, rotateSiteConnectionSecret } from "@/lib/helpdesk/connections";
import type { ZConnectionCreate } from "@/lib/helpdesk/schemas";
import type { ZInvite } from "@/lib/users/schemas";
import { api, post, type WireResult as Result } from "@/lib/ui/api";
import { useServerPageMutation, type OnSuccess } from "@/lib/ui/server-page";

const patch = <R>(path: string, body: unknown) => api<R>(path, { method: "PATCH", body });
const remove = <R>(path: string) => api<R>(path, { method: "DELETE" });

// Staff
export const useInviteStaff = (onSuccess?: OnSuccess<Result<typeof inviteStaff>, z.input<typeof ZInvite>>) =>
  useServerPageMutation((v: z.input<typeof ZInvite>) => post<Result<typeof inviteStaff>>("/api/v1/admin/users", v), onSuccess);
export const useSetUserActive = (userId: string, onSuccess?: OnSuccess<Result<typeof setUserActive>, boolean>) =>
  useServerPageMutation((active: boolean) => patch<Result<typeof setUserActive>>(`/api/v1/admin/users/${userId}`, { active }), onSuccess);
export const useRevokeGrant = (grantId: string) => useServerPageMutation(() => remove<{ revoked: true }>(`/api/v1/admin/grants/${grantId}`));
export const useConfirmGrantReview = (grantId: string) => useServerPageMutation(() => post<Result<typeof confirmGrantReview>>(`/api/v1/admin/grants/${grantId}/review`));

// Outbox
export const useResendJob = (jobId: string) => useServerPageMutation(() => post<Result<typeof resendJob>>(`/api/v1/admin/jobs/${jobId}/resend`));

// Sites (the route answers the new site's id and public key only)
type TCreatedSite = Pick<Result<typeof createSite>, "id" | "publicKey">;
export const useCreateSite = (onSuccess?: OnSuccess<TCreatedSite, z.input<typeof ZSiteCreate>>) =>
  useServerPageMutation((v: z.input<typeof ZSiteCreate>) => post<TCreatedSite>("/api/v1/admin/sites", v), onSuccess);
export const useUpdateSiteSettings = (siteId: string, onSuccess?: OnSuccess<Result<typeof updateSiteSettings>, z.input<typeof ZSiteSettingsPatch>>) =>
  useServerPageMutation((v: z.input<typeof ZSiteSettingsPatch>) => patch<Result<typeof updateSiteSettings>>(`/api/v1/admin/sites/${siteId}`, v), onSuccess);
export const useUpdateStorageLimits = (siteId: string) =>
  useServerPageMutation((v: z.input<typeof ZStorageLimitsPatch>) => patch<Result<typeof updateStorageLimits>>(`/api/v1/admin/sites/${siteId}/storage-limits`, v));
export const useRotateVaultKey = (siteId: string) => useServerPageMutation(() => post<Result<typeof rotateVaultKey>>(`/api/v1/admin/sites/${siteId}/vault-key`));
export const useRotatePseudonymSecret = (siteId: string, onSuccess?: OnSuccess<Result<typeof rotatePseudonymSecret>, void>) =>
  useServerPageMutation(() => post<Result<typeof rotatePseudonymSecret>>(`/api/v1/admin/sites/${siteId}/pseudonym-secret`), onSuccess);
export const useCreateApiToken = (siteId: string, onSuccess?: OnSuccess<Result<typeof createApiToken>, string>) =>
  useServerPageMutation((name: string) => post<Result<typeof createApiToken>>(`/api/v1/admin/sites/${siteId}/api-tokens`, { name }), onSuccess);
export const useRevokeApiToken = (siteId: string) => useServerPageMutation((tokenId: string) => remove<{ revoked: true }>(`/api/v1/admin/sites/${siteId}/api-tokens/${tokenId}`));

// Outbound webhooks of a site: the secret is in the answer of create and rotate only.
export const useCreateWebhook = (siteId: string, onSuccess?: OnSuccess<Result<typeof createWebhookEndpoint>, z.input<typeof ZWebhookCreate>>) =>
  useServerPageMutation((v: z.input<typeof ZWebhookCreate>) => post<Result<typeof createWebhookEndpoint>>(`/api/v1/admin/sites/${siteId}/webhooks`, v), onSuccess);
export const useDisableWebhook = (siteId: string) =>
  useServerPageMutation((webhookId: string) => post<Result<typeof disableWebhookEndpoint>>(`/api/v1/admin/sites/${siteId}/webhooks/${webhookId}/disable`));
export const useRotateWebhookSecret = (siteId: string, onSuccess?: OnSuccess<Result<typeof rotateWebhookSecret>, string>) =>
  useServerPageMutation((webhookId: string) => post<Result<typeof rotateWebhookSecret>>(`/api/v1/admin/sites/${siteId}/webhooks/${webhookId}/secret`), onSuccess);

// Helpdesk connections
const connections = (siteId: string) => `/api/v1/admin/sites/${siteId}/helpdesk-connections`;
export const useConnectHelpdesk = (siteId: string, onSuccess?: OnSuccess<Result<typeof connectSiteHelpdesk>, z.input<typeof ZConnectionCreate>>) =>
  useServerPageMutation((v: z.input<typeof ZConnectionCreate>) => post<Result<typeof connectSiteHelpdesk>>(connections(siteId), v), onSuccess);
export const useDisconnectHelpdesk = (siteId: string) =>
  useServerPageMutation((connectionId: string) => post<Result<typeof disconnectSiteHelpdesk>>(`${connections(siteId)}/${connectionId}/disconnect`));
export const useRotateConnectionSecret = (siteId: string, onSuccess?: OnSuccess<Result<typeof rotateSiteConnectionSecret>, string>) =>
  useServerPageMutation((connectionId: string) => post<Result<typeof rotateSiteConnectionSecret>>(`${connections(siteId)}/${connectionId}/secret`), onSuccess);

// Rights requests received by another channel: plain calls, the page shows their results itself.
type RightsInput = z.input<typeof ZRightsRequest>;
export const rightsApi = {
  search: (v: RightsInput) => post<Result<typeof findSubjectData>>("/api/v1/admin/rights/search", v),
  export: (v: RightsInput) => post<Result<typeof exportSubjectData>>("/api/v1/admin/rights/export", v),
  erase: (v: RightsInput & { confirm: string }) => post<{ erased: true } & Result<typeof eraseSubjectData>>("/api/v1/admin/rights/erase", v),
};

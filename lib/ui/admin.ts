"use client";
// The admin pages' calls to the API. The pages load on the server (RSC); a change goes through one
// of these mutations, which re-renders the server components on success. Result types come from
// the server functions (WireResult<…>), inputs from the route schemas (lib/<domain>/schemas.ts).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import type { eraseSubjectData } from "@/lib/rights/erase-subject-data";
import type { findSubjectData } from "@/lib/rights/find-subject-data";
import type { exportSubjectData } from "@/lib/rights/export-subject-data";
import type { ZRightsRequest } from "@/lib/rights/schemas";
import type { createApiToken } from "@/lib/sites/api-tokens";
import type { rotatePseudonymSecret } from "@/lib/sites/pseudonym-secret";
import type { ZSiteCreate, ZSiteSettingsPatch, ZStorageLimitsPatch } from "@/lib/sites/schemas";
import type { updateStorageLimits } from "@/lib/sites/storage-limits";
import type { updateSiteSettings } from "@/lib/sites/update-settings";
import type { rotateVaultKey } from "@/lib/sites/vault-keys";
import type { setUserActive } from "@/lib/users/deactivate";
import type { confirmGrantReview } from "@/lib/users/grants";
import type { inviteStaff } from "@/lib/users/invite";
import type { ZInvite } from "@/lib/users/schemas";
import { api, post, type ApiError, type WireResult as Result } from "@/lib/ui/api";

type OnSuccess<R, V> = (result: R, vars: V) => void;

function useAdminMutation<V, R>(call: (vars: V) => Promise<R>, onSuccess?: OnSuccess<R, V>) {
  const router = useRouter();
  return useMutation<R, ApiError, V>({
    mutationFn: call,
    onSuccess: (result, vars) => {
      onSuccess?.(result, vars);
      router.refresh();
    },
  });
}

const patch = <R>(path: string, body: unknown) => api<R>(path, { method: "PATCH", body });
const remove = <R>(path: string) => api<R>(path, { method: "DELETE" });

// Staff
export const useInviteStaff = (onSuccess?: OnSuccess<Result<typeof inviteStaff>, z.input<typeof ZInvite>>) =>
  useAdminMutation((v: z.input<typeof ZInvite>) => post<Result<typeof inviteStaff>>("/api/v1/admin/users", v), onSuccess);
export const useSetUserActive = (userId: string, onSuccess?: OnSuccess<Result<typeof setUserActive>, boolean>) =>
  useAdminMutation((active: boolean) => patch<Result<typeof setUserActive>>(`/api/v1/admin/users/${userId}`, { active }), onSuccess);
export const useRevokeGrant = (grantId: string) => useAdminMutation(() => remove<{ revoked: true }>(`/api/v1/admin/grants/${grantId}`));
export const useConfirmGrantReview = (grantId: string) => useAdminMutation(() => post<Result<typeof confirmGrantReview>>(`/api/v1/admin/grants/${grantId}/review`));

// Sites
export const useCreateSite = (onSuccess?: OnSuccess<{ id: string; publicKey: string }, z.input<typeof ZSiteCreate>>) =>
  useAdminMutation((v: z.input<typeof ZSiteCreate>) => post<{ id: string; publicKey: string }>("/api/v1/admin/sites", v), onSuccess);
export const useUpdateSiteSettings = (siteId: string, onSuccess?: OnSuccess<Result<typeof updateSiteSettings>, z.input<typeof ZSiteSettingsPatch>>) =>
  useAdminMutation((v: z.input<typeof ZSiteSettingsPatch>) => patch<Result<typeof updateSiteSettings>>(`/api/v1/admin/sites/${siteId}`, v), onSuccess);
export const useUpdateStorageLimits = (siteId: string) =>
  useAdminMutation((v: z.input<typeof ZStorageLimitsPatch>) => patch<Result<typeof updateStorageLimits>>(`/api/v1/admin/sites/${siteId}/storage-limits`, v));
export const useRotateVaultKey = (siteId: string) => useAdminMutation(() => post<Result<typeof rotateVaultKey>>(`/api/v1/admin/sites/${siteId}/vault-key`));
export const useRotatePseudonymSecret = (siteId: string, onSuccess?: OnSuccess<Result<typeof rotatePseudonymSecret>, void>) =>
  useAdminMutation(() => post<Result<typeof rotatePseudonymSecret>>(`/api/v1/admin/sites/${siteId}/pseudonym-secret`), onSuccess);
export const useCreateApiToken = (siteId: string, onSuccess?: OnSuccess<Result<typeof createApiToken>, string>) =>
  useAdminMutation((name: string) => post<Result<typeof createApiToken>>(`/api/v1/admin/sites/${siteId}/api-tokens`, { name }), onSuccess);
export const useRevokeApiToken = (siteId: string) => useAdminMutation((tokenId: string) => remove<{ revoked: true }>(`/api/v1/admin/sites/${siteId}/api-tokens/${tokenId}`));

// Rights requests received by another channel: plain calls, the page shows their results itself.
type RightsInput = z.input<typeof ZRightsRequest>;
export const rightsApi = {
  search: (v: RightsInput) => post<Result<typeof findSubjectData>>("/api/v1/admin/rights/search", v),
  export: (v: RightsInput) => post<Result<typeof exportSubjectData>>("/api/v1/admin/rights/export", v),
  erase: (v: RightsInput & { confirm: string }) => post<{ erased: true } & Result<typeof eraseSubjectData>>("/api/v1/admin/rights/erase", v),
};

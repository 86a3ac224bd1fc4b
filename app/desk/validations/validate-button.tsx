"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { api } from "@/lib/ui/api";

export function ValidateButton({ id }: { id: string }) {
  const router = useRouter();
  const validate = useMutation({ mutationFn: () => api(`/api/v1/desk/reveals/${id}/validate`, { method: "POST" }), onSuccess: () => router.refresh() });
  return (
    <>
      <button type="button" onClick={() => validate.mutate()} disabled={validate.isPending}>{validate.isPending ? "Validating…" : "Validate"}</button>
      {validate.isError && <p className="error" role="alert">{validate.error.message}</p>}
    </>
  );
}

"use client";
import { useValidateUnmask } from "@/lib/ui/reveal";

export function ValidateButton({ id }: { id: string }) {
  const validate = useValidateUnmask(id);
  return (
    <>
      <button type="button" onClick={() => validate.mutate()} disabled={validate.isPending}>{validate.isPending ? "Validating…" : "Validate"}</button>
      {validate.isError && <p className="error" role="alert">{validate.error.message}</p>}
    </>
  );
}

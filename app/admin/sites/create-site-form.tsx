"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ZSiteCreate } from "@/lib/sites/schemas";
import { useCreateSite } from "@/lib/ui/admin";
import { fieldErrors, fieldIssues } from "@/lib/errors";

export function CreateSiteForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [origins, setOrigins] = useState("");
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const create = useCreateSite((site) => router.push(`/admin/sites/${site.id}`));

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = { name, allowedOrigins: origins.split("\n").map((o) => o.trim()).filter(Boolean) };
    const parsed = ZSiteCreate.safeParse(body);
    if (!parsed.success) {
      setErrors(fieldErrors(fieldIssues(parsed.error)));
      return;
    }
    setErrors({});
    create.mutate(body);
  }

  const err = (k: string) => errors[k] ?? create.error?.fields[k];
  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="site-name">Name (the publisher&apos;s name, shown in the consent text)</label>
        <input id="site-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={err("name") ? true : undefined} aria-describedby={err("name") ? "site-name-error" : undefined} />
        {err("name") && <p id="site-name-error" className="error" role="alert">{err("name")}</p>}
      </div>
      <div className="field">
        <label htmlFor="site-origins">Allowed origins, one per line</label>
        <textarea id="site-origins" value={origins} onChange={(e) => setOrigins(e.target.value)} placeholder="https://shop.example"
          aria-invalid={err("allowedOrigins") ? true : undefined} aria-describedby="site-origins-hint" />
        <p id="site-origins-hint" className="hint">The recorder only accepts data from pages on these origins.</p>
        {err("allowedOrigins") && <p className="error" role="alert">{err("allowedOrigins")}</p>}
      </div>
      {create.error && !err("name") && !err("allowedOrigins") && <p className="notice error" role="alert">{create.error.message}</p>}
      <button type="submit" disabled={create.isPending}>{create.isPending ? "Creating…" : "Create site"}</button>
    </form>
  );
}

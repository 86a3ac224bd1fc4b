"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/lib/i18n/client";
import { useDateTime } from "@/lib/i18n/client";
import { useCreateOwnTicket, useOwnTickets } from "@/lib/ui/tickets";

export function SupportView({ sites }: { sites: { id: string; name: string }[] }) {
  const t = useTranslations("support");
  const errorText = useErrorText();
  const tc = useTranslations("common");
  const formatDateTime = useDateTime();
  const tickets = useOwnTickets();
  const [form, setForm] = useState({ siteId: sites[0]?.id ?? "", subject: "", message: "" });
  const create = useCreateOwnTicket();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(form, { onSuccess: () => setForm({ ...form, subject: "", message: "" }) });
  };
  return (
    <>
      <section className="panel">
        <h1>{t("title")}</h1>
        {tickets.isPending ? (
          <p role="status">{t("loading")}</p>
        ) : tickets.isError ? (
          <p className="notice error" role="alert">{errorText(tickets.error)}</p>
        ) : tickets.data.tickets.length === 0 ? (
          <p role="status">{t("empty")}</p>
        ) : (
          <table className="stack-on-phone" data-testid="own-tickets">
            <thead>
              <tr><th scope="col">{t("subject")}</th><th scope="col">{t("website")}</th><th scope="col">{t("status")}</th><th scope="col">{t("recordings")}</th><th scope="col">{t("updated")}</th></tr>
            </thead>
            <tbody>
              {tickets.data.tickets.map((ticket) => (
                <tr key={ticket.id}>
                  <td data-label={t("subject")}><Link href={`/support/tickets/${ticket.id}`}>{ticket.subject}</Link></td>
                  <td data-label={t("website")}>{ticket.site}</td>
                  <td data-label={t("status")}><span className="tag">{tc("ticketStatus", { status: ticket.status })}</span></td>
                  <td data-label={t("recordings")}>{ticket.recordings}</td>
                  <td data-label={t("updated")}>{formatDateTime(ticket.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="new-h">
        <h2 id="new-h">{t("newRequest")}</h2>
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="site">{t("website")}</label>
            <select id="site" value={form.siteId} onChange={(e) => setForm({ ...form, siteId: e.target.value })} required>
              {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="subject">{t("subject")}</label>
            <input id="subject" value={form.subject} onChange={(e) => setForm({ ...form, subject: e.target.value })} required minLength={3} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="message">{t("howCanWeHelp")}</label>
            <textarea id="message" rows={4} value={form.message} onChange={(e) => setForm({ ...form, message: e.target.value })} required />
          </div>
          {create.isError && <p className="error" role="alert">{errorText(create.error)}</p>}
          {create.isSuccess && <p className="notice" role="status">{t("sent")} <Link href={`/support/tickets/${create.data.ticketId}`}>{t("open")}</Link></p>}
          <button type="submit" disabled={create.isPending}>{create.isPending ? tc("sending") : t("submit")}</button>
        </form>
      </section>
    </>
  );
}

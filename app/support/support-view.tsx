"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useCreateOwnTicket, useOwnTickets } from "@/lib/ui/tickets";
import { formatDateTime } from "@/lib/ui/format";

export function SupportView({ sites }: { sites: { id: string; name: string }[] }) {
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
        <h1>My support requests</h1>
        {tickets.isPending ? (
          <p role="status">Loading your requests…</p>
        ) : tickets.isError ? (
          <p className="notice error" role="alert">{tickets.error.message}</p>
        ) : tickets.data.tickets.length === 0 ? (
          <p role="status">You have no support request yet. Use the form below, or the “Need help?” button on the website.</p>
        ) : (
          <table>
            <thead>
              <tr><th scope="col">Subject</th><th scope="col">Website</th><th scope="col">Status</th><th scope="col">Recordings</th><th scope="col">Updated</th></tr>
            </thead>
            <tbody>
              {tickets.data.tickets.map((t) => (
                <tr key={t.id}>
                  <td><Link href={`/support/tickets/${t.id}`}>{t.subject}</Link></td>
                  <td>{t.site}</td>
                  <td><span className="tag">{t.status}</span></td>
                  <td>{t.recordings}</td>
                  <td>{formatDateTime(t.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="new-h">
        <h2 id="new-h">New request</h2>
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="site">Website</label>
            <select id="site" value={form.siteId} onChange={(e) => setForm({ ...form, siteId: e.target.value })} required>
              {sites.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="subject">Subject</label>
            <input id="subject" value={form.subject} onChange={(e) => setForm({ ...form, subject: e.target.value })} required minLength={3} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="message">How can we help?</label>
            <textarea id="message" rows={4} value={form.message} onChange={(e) => setForm({ ...form, message: e.target.value })} required />
          </div>
          {create.isError && <p className="error" role="alert">{create.error.message}</p>}
          {create.isSuccess && <p className="notice" role="status">Your request was sent. <Link href={`/support/tickets/${create.data.ticketId}`}>Open it</Link></p>}
          <button type="submit" disabled={create.isPending}>{create.isPending ? "Sending…" : "Send the request"}</button>
        </form>
      </section>
    </>
  );
}

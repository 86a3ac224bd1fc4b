"use client";
import Link from "next/link";
import { useState } from "react";
import { useQueue, type QueueFilter } from "@/lib/ui/tickets";
import { formatDateTime } from "@/lib/ui/format";


export function QueueView({ sites }: { sites: { id: string; name: string }[] }) {
  const [filter, setFilter] = useState<QueueFilter>({ status: "open", siteId: "", assignee: "" });
  const queue = useQueue(filter);
  const set = (key: keyof QueueFilter) => (e: React.ChangeEvent<HTMLSelectElement>) => setFilter({ ...filter, [key]: e.target.value });

  return (
    <>
      <form className="filters" aria-label="Filter the queue" onSubmit={(e) => e.preventDefault()} style={{ display: "flex", gap: 16, flexWrap: "wrap", marginBottom: 16 }}>
        <FilterSelect id="f-status" label="Status" value={filter.status} onChange={set("status")} options={[["", "Any"], ["open", "Open"], ["pending", "Pending"], ["closed", "Closed"]]} />
        <FilterSelect id="f-site" label="Site" value={filter.siteId} onChange={set("siteId")} options={[["", "All sites"], ...sites.map((s): [string, string] => [s.id, s.name])]} />
        <FilterSelect id="f-assignee" label="Assignee" value={filter.assignee} onChange={set("assignee")} options={[["", "Anyone"], ["me", "Me"], ["unassigned", "Nobody"]]} />
      </form>
      {queue.isPending ? (
        <p role="status">Loading the queue…</p>
      ) : queue.isError ? (
        <p className="notice error" role="alert">{queue.error.message}</p>
      ) : queue.data.tickets.length === 0 ? (
        <p role="status">No tickets match these filters. New tickets arrive when customers ask for help from a site&apos;s support form.</p>
      ) : (
        <table>
          <thead>
            <tr><th scope="col">Subject</th><th scope="col">Site</th><th scope="col">Status</th><th scope="col">Assignee</th><th scope="col">Recordings</th><th scope="col">Updated</th></tr>
          </thead>
          <tbody>
            {queue.data.tickets.map((t) => (
              <tr key={t.id}>
                <td><Link href={`/desk/tickets/${t.id}`}>{t.subject}</Link></td>
                <td>{t.site.name}</td>
                <td><span className="tag">{t.status}</span></td>
                <td>{t.assignee ?? <span className="muted">nobody</span>}</td>
                <td>{t.recordings}</td>
                <td>{formatDateTime(t.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function FilterSelect({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (e: React.ChangeEvent<HTMLSelectElement>) => void; options: [string, string][] }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={onChange}>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </div>
  );
}

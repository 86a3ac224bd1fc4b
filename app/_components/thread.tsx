"use client";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api } from "@/lib/ui/api";
import { formatDateTime } from "@/lib/ui/format";

type Message = { id: string; authorRole: string; author: string; body: string; createdAt: string };

export function MessageThread({ messages }: { messages: Message[] }) {
  if (messages.length === 0) return <p className="muted">No messages yet.</p>;
  return (
    <ol style={{ listStyle: "none", padding: 0 }} data-testid="thread">
      {messages.map((m) => (
        <li key={m.id} style={{ borderLeft: `3px solid ${m.authorRole === "customer" ? "#98a2b3" : "#1f4fd1"}`, padding: "4px 12px", marginBottom: 12 }}>
          <p className="muted" style={{ margin: 0 }}>{m.author} · {formatDateTime(m.createdAt)}</p>
          <p style={{ whiteSpace: "pre-wrap", margin: "4px 0 0" }}>{m.body}</p>
        </li>
      ))}
    </ol>
  );
}

// Posts a reply to `path` and lets the parent refresh its data.
export function ReplyForm({ path, onSent, label }: { path: string; onSent: () => void; label: string }) {
  const [body, setBody] = useState("");
  const send = useMutation({
    mutationFn: () => api(path, { method: "POST", body: { body } }),
    onSuccess: () => {
      setBody("");
      onSent();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  return (
    <form onSubmit={submit}>
      <div className="field">
        <label htmlFor="reply">{label}</label>
        <textarea id="reply" rows={3} value={body} onChange={(e) => setBody(e.target.value)} required />
      </div>
      {send.isError && <p className="error" role="alert">{send.error.message}</p>}
      <button type="submit" disabled={send.isPending || body.trim() === ""}>{send.isPending ? "Sending…" : "Send"}</button>
    </form>
  );
}

"use client";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useDateTime } from "@/lib/i18n/client";
import { useSendMessage, type TMessage } from "@/lib/ui/tickets";

export function MessageThread({ messages }: { messages: TMessage[] }) {
  const t = useTranslations("thread");
  const formatDateTime = useDateTime();
  if (messages.length === 0) return <p className="muted">{t("noMessages")}</p>;
  return (
    <ol style={{ listStyle: "none", padding: 0 }} data-testid="thread">
      {messages.map((m) => (
        <li key={m.id} style={{ borderLeft: `3px solid ${m.authorRole === "customer" ? "#98a2b3" : "#1f4fd1"}`, padding: "4px 12px", marginBottom: 12 }}>
          <p className="muted" style={{ margin: 0 }}>{m.author} · {formatDateTime(m.createdAt)}</p>
          <p style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: "4px 0 0" }}>{m.body}</p>
        </li>
      ))}
    </ol>
  );
}

// Posts a reply to the ticket, from the desk or from the customer; the ticket reloads with it.
export function ReplyForm({ ticketId, side, label }: { ticketId: string; side: "desk" | "own"; label: string }) {
  const [body, setBody] = useState("");
  const send = useSendMessage(ticketId, side);
  const t = useTranslations("thread");
  const tc = useTranslations("common");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate(body, { onSuccess: () => setBody("") });
  };
  return (
    <form onSubmit={submit}>
      <div className="field">
        <label htmlFor="reply">{label}</label>
        <textarea id="reply" rows={3} value={body} onChange={(e) => setBody(e.target.value)} required />
      </div>
      {send.isError && <p className="error" role="alert">{send.error.message}</p>}
      <button type="submit" disabled={send.isPending || body.trim() === ""}>{send.isPending ? tc("sending") : t("send")}</button>
    </form>
  );
}

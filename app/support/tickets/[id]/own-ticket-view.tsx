"use client";
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/lib/i18n/client";
import { Countdown } from "@/app/_components/countdown";
import { MessageThread, ReplyForm } from "@/app/_components/thread";
import { useDeleteOwnRecording } from "@/lib/ui/account";
import { useDeleteDeclinedRecording, useWithdrawReveal, type TDeletionReceipt } from "@/lib/ui/reveal";
import { useOwnTicket, useSetOwnTicketStatus, type TOwnTicket } from "@/lib/ui/tickets";
import { useDateTime, useLocaleTag } from "@/lib/i18n/client";
import { spellDuration } from "@/lib/reveal/approval-text";
import { ReplayViewer } from "@/app/_components/replay-viewer";

// With who watched it and when (right of access), named as the approval named them.
type Recording = TOwnTicket["recordings"][number];

export function OwnTicketView({ id }: { id: string }) {
  const ticket = useOwnTicket(id);
  const setStatus = useSetOwnTicketStatus(id);
  // Kept here: the recording they are about is gone from the list once deleted.
  const [receipts, setReceipts] = useState<TDeletionReceipt[]>([]);
  const tr = useTranslations("ownTicket");
  const errorText = useErrorText();
  const tc = useTranslations("common");
  const formatDateTime = useDateTime();

  if (ticket.isPending) return <p role="status" className="panel">{tr("loading")}</p>;
  if (ticket.isError) return <p role="alert" className="panel notice error">{errorText(ticket.error)}</p>;
  const t = ticket.data;
  return (
    <>
      <section className="panel">
        <p><Link href="/support">{tr("back")}</Link></p>
        <h1 style={{ overflowWrap: "anywhere" }}>{t.subject}</h1>
        <p className="muted">{tr("opened", { site: t.site.name, when: formatDateTime(t.createdAt) })} · <span className="tag" data-testid="ticket-status">{tc("ticketStatus", { status: t.status })}</span></p>
        {t.status !== "closed" ? (
          <button type="button" className="secondary" onClick={() => setStatus.mutate("closed")} disabled={setStatus.isPending}>{tr("close")}</button>
        ) : (
          <button type="button" className="secondary" onClick={() => setStatus.mutate("open")} disabled={setStatus.isPending}>{tr("reopen")}</button>
        )}
        {setStatus.isError && <p className="error" role="alert">{errorText(setStatus.error)}</p>}
      </section>
      <section className="panel" aria-labelledby="thread-h">
        <h2 id="thread-h">{tr("conversation")}</h2>
        <MessageThread messages={t.messages} />
        <ReplyForm ticketId={id} side="own" label={tr("yourReply")} />
      </section>
      <section className="panel" aria-labelledby="rec-h">
        <h2 id="rec-h">{tr("recordingsTitle")}</h2>
        {receipts.map((r) => (
          <p key={r.id} className="notice" role="status" data-testid="deletion-receipt">
            {tc.rich("deletionReceipt", { when: formatDateTime(r.deletedAt), id: r.id, code: (chunks) => <code>{chunks}</code> })}
          </p>
        ))}
        {t.recordings.length === 0 ? (
          <p>{tr("noRecording")}</p>
        ) : (
          t.recordings.map((r) => <OwnRecording key={r.id} ticketId={id} recording={r} onDeleted={(receipt) => setReceipts((all) => [...all, receipt])} />)
        )}
      </section>
    </>
  );
}

function OwnRecording({ ticketId, recording: r, onDeleted }: { ticketId: string; recording: Recording; onDeleted: (receipt: TDeletionReceipt) => void }) {
  const [watching, setWatching] = useState(false);
  const remove = useDeleteOwnRecording(ticketId);
  const withdraw = useWithdrawReveal(ticketId);
  // After a decline: the recording goes at once, with a receipt.
  const removeDeclined = useDeleteDeclinedRecording(ticketId, onDeleted);
  const error = remove.error ?? withdraw.error ?? removeDeclined.error;
  const t = useTranslations("ownTicket");
  const errorText = useErrorText();
  const tc = useTranslations("common");
  const locale = useLocaleTag();
  const formatDateTime = useDateTime();
  return (
    <article className="panel" style={{ background: "#fafbfc" }} data-testid="own-recording">
      <p>
        {t("recorded", { when: formatDateTime(r.startedAt), duration: spellDuration(r.durationSeconds * 1000, locale), pages: r.pages.length ? r.pages.join(", ") : "—" })}
        <br />
        {r.keepsUnmasked ? t("keptUnmasked") : t("keptMasked")} {t("neverRecorded")}
        <br />
        {t("deletedAutomatically")} <Countdown until={r.deleteAfter} />.
      </p>
      <p>
        <button type="button" className="secondary" onClick={() => setWatching((w) => !w)}>{watching ? t("closeWatch") : t("watch")}</button>
      </p>
      {watching && <ReplayViewer recordingId={r.id} scope="masked" audience="customer" />}
      <h3 style={{ fontSize: "1rem" }}>{t("requestsTitle")}</h3>
      {r.reveals.length === 0 ? (
        <p className="muted">{t("nobodyAsked")}</p>
      ) : (
        <ul aria-label={t("requestsLabel")}>
          {r.reveals.map((v) => (
            <li key={v.id}>
              {t("request", { requester: v.requester, when: formatDateTime(v.createdAt), scope: v.scope, justification: v.justification })} — <strong>{t("revealStatus", { status: v.status })}</strong>
              {(v.status === "approved" || v.status === "pending") && (
                <button type="button" className="secondary" style={{ marginLeft: 8 }} onClick={() => withdraw.mutate(v.id)} disabled={withdraw.isPending}>
                  {v.status === "approved" ? t("withdraw") : t("cancelRequest")}
                </button>
              )}
              {v.status === "declined" && (
                <>
                  {" "}{t("youDeclined")}
                  <button type="button" style={{ marginLeft: 8 }} onClick={() => removeDeclined.mutate(v.id)} disabled={removeDeclined.isPending}>
                    {removeDeclined.isPending ? tc("deleting") : tc("deleteRecordingNow")}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3 style={{ fontSize: "1rem" }}>{t("whoWatched")}</h3>
      {r.views.length === 0 ? (
        <p className="muted" data-testid="recording-views">{t("nobodyWatched")}</p>
      ) : (
        <ul data-testid="recording-views">
          {r.views.map((v, i) => (
            <li key={i}>
              {t("watched", { viewer: v.viewer, scope: v.scope, when: formatDateTime(v.at) })}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="secondary" onClick={() => remove.mutate(r.id)} disabled={remove.isPending}>{remove.isPending ? tc("deleting") : t("deleteThis")}</button>
      {error && <p className="error" role="alert">{errorText(error)}</p>}
    </article>
  );
}

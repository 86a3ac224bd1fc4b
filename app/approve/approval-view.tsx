"use client";
import { useEffect, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/lib/i18n/client";
import { useDateTime, useLocaleTag } from "@/lib/i18n/client";
import { useApprovalDecision, useApprovalLookup, useDeleteDeclinedByLink } from "@/lib/ui/reveal";
import { personLabel, spellDuration } from "@/lib/reveal/approval-text";

// The token arrives in the URL fragment (never sent to a server by the browser); it is read once,
// removed from the address bar, and posted only to look the request up and to answer it.
function readFragment(): { token: string; decision: "approve" | "decline" | null } | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get("token");
  if (!token) return null;
  window.history.replaceState(null, "", window.location.pathname);
  const decision = params.get("decision");
  return { token, decision: decision === "approve" || decision === "decline" ? decision : null };
}

// Read once per page load: the fragment is cleared right after, so later reads return this copy.
let captured: ReturnType<typeof readFragment> | undefined;
const captureLink = () => (captured === undefined ? (captured = readFragment()) : captured);
const noSubscription = () => () => {};

export function ApprovalView() {
  const t = useTranslations("approve");
  const errorText = useErrorText();
  const tc = useTranslations("common");
  const locale = useLocaleTag();
  // Durations from the server's clock at lookup, so a wrong clock on the customer's device changes nothing.
  const leftUntil = (until: string, now: string) => spellDuration(new Date(until).getTime() - new Date(now).getTime(), locale);
  const link = useSyncExternalStore(noSubscription, captureLink, () => undefined);
  // The facts the email gave, read again from the server: the agent the approval would name, the
  // scope, the recording as it stands, what stays masked in its mode, and the real deadlines.
  const lookup = useApprovalLookup();
  const decide = useApprovalDecision();
  const { mutate: look } = lookup;
  // In the customer's own time zone (the link may be opened signed out, on any device).
  const formatDateTime = useDateTime(lookup.data?.timeZone);

  useEffect(() => {
    if (link) look(link.token);
  }, [link, look]);

  if (link === undefined) return <p role="status">{t("opening")}</p>;
  if (link === null) return <p className="notice error" role="alert">{t("needsLink")}</p>;
  if (lookup.isPending || lookup.isIdle) return <p role="status">{t("loading")}</p>;
  if (lookup.isError) return <p className="notice error" role="alert" data-testid="approval-error">{errorText(lookup.error)}</p>;
  const d = lookup.data;
  if (decide.data?.status === "approved") {
    const r = decide.data;
    return (
      <p className="notice" role="status" data-testid="approval-result">
        {t("approved", { agent: r.agent, coversUntil: formatDateTime(r.coversUntil), accessUntil: formatDateTime(r.accessUntil) })}{" "}
        <a href={`/support/tickets/${r.ticketId}`}>{tc("goToRequest")}</a>
      </p>
    );
  }
  if (decide.data?.status === "declined" || d.status === "declined") return <Declined token={link.token} ticketId={d.ticketId} deleteAfter={d.deadlines.deleteAfter} timeZone={d.timeZone} />;
  const agent = personLabel(d.agent);
  return (
    <>
      <dl className="facts">
        <dt>{t("whoAsks")}</dt><dd data-testid="approval-agent">{t("whoAsksText", { agent, site: d.siteName })}</dd>
        <dt>{t("about")}</dt><dd>{t("aboutText", { subject: d.ticketSubject })}</dd>
        <dt>{t("why")}</dt><dd data-testid="approval-justification">{d.justification}</dd>
        <dt>{t("recording")}</dt>
        <dd data-testid="approval-recording">
          {t("recordingText", { when: formatDateTime(d.recordedAt), duration: spellDuration(d.durationSeconds * 1000, locale), pages: d.pages.join(", ") || t("pagesNotRecorded") })}
        </dd>
        <dt>{t("visible")}</dt>
        <dd data-testid="approval-masking">{d.masking.join(" ")} {t("neverRecorded")}</dd>
        <dt>{t("howLong")}</dt>
        <dd data-testid="approval-deadlines">
          {d.deadlines.deleteAfter
            ? t("howLongWithDeletion", { agent, viewFor: leftUntil(d.deadlines.viewUntil, d.now), deleteIn: leftUntil(d.deadlines.deleteAfter, d.now), deleteAt: formatDateTime(d.deadlines.deleteAfter), linkFor: leftUntil(d.deadlines.linkUntil, d.now) })
            : t("howLongText", { agent, viewFor: leftUntil(d.deadlines.viewUntil, d.now), linkFor: leftUntil(d.deadlines.linkUntil, d.now) })}
        </dd>
      </dl>
      {decide.isError && <p className="error" role="alert">{errorText(decide.error)}</p>}
      <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
        <button type="button" onClick={() => decide.mutate({ token: link.token, decision: "approve" })} disabled={decide.isPending} autoFocus={link.decision === "approve"}>{t("approve")}</button>
        <button type="button" className="secondary" onClick={() => decide.mutate({ token: link.token, decision: "decline" })} disabled={decide.isPending} autoFocus={link.decision === "decline"}>{t("decline")}</button>
      </div>
    </>
  );
}

// After a decline: nobody watches; the customer may also have the recording deleted now.
function Declined({ token, ticketId, deleteAfter, timeZone }: { token: string; ticketId: string; deleteAfter: string | null; timeZone: string | null }) {
  const remove = useDeleteDeclinedByLink(token);
  const t = useTranslations("approve");
  const errorText = useErrorText();
  const tc = useTranslations("common");
  const formatDateTime = useDateTime(timeZone);
  return (
    <div className="notice" role="status" data-testid="approval-result">
      <p>{t("declined")}</p>
      {remove.isSuccess ? (
        <p data-testid="deletion-receipt">
          {tc.rich("deletionReceipt", { when: formatDateTime(remove.data.receipt.deletedAt), id: remove.data.receipt.id, code: (chunks) => <code>{chunks}</code> })}
        </p>
      ) : (
        <p>
          {deleteAfter ? t("wouldBeDeletedOn", { when: formatDateTime(deleteAfter) }) : t("wouldBeDeletedSoon")}{" "}
          <button type="button" onClick={() => remove.mutate()} disabled={remove.isPending}>{remove.isPending ? tc("deleting") : tc("deleteRecordingNow")}</button>
        </p>
      )}
      {remove.isError && <p className="error" role="alert">{errorText(remove.error)}</p>}
      <a href={`/support/tickets/${ticketId}`}>{tc("goToRequest")}</a>
    </div>
  );
}

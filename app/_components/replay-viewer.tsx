"use client";
import "rrweb-player/dist/style.css";
import { useEffect, useMemo, useRef } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/lib/i18n/client";
import { ApiError } from "@/lib/ui/api";
import { useRecordingEvents, useStillAllowed, type ReplayAudience } from "@/lib/ui/reveal";
import { timelineMarkers, MARKER_COLORS } from "@/lib/replay/markers";
import type { ReplayEvent } from "@/lib/replay/masking";

// rrweb-player's icon buttons and its "skip inactive" switch have no accessible name: screen
// readers would announce "button". Named once the player has built its controls.
function nameControls(root: HTMLElement, names: { playPause: string; fullscreen: string; skipInactive: string }): void {
  const iconButtons = [...root.querySelectorAll<HTMLButtonElement>(".rr-controller__btns > button")].filter((b) => !b.textContent?.trim());
  iconButtons.forEach((button, i) => button.setAttribute("aria-label", i === 0 ? names.playPause : names.fullscreen));
  root.querySelector("input#skip")?.setAttribute("aria-label", names.skipInactive);
}

type Player = { getReplayer(): { addEvent(e: ReplayEvent): void }; $destroy?: () => void };

// Masked and blocked parts should read as deliberate, not broken.
const REPLAY_STYLES = [
  ".rr-block { background: repeating-linear-gradient(45deg, #eef1f5, #eef1f5 6px, #e2e6ec 6px, #e2e6ec 12px) !important; border-radius: 4px; }",
];

const PLAYER_WIDTH = 880;
const PLAYER_HEIGHT = 500;

const clock = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, "0")}`;

// rrweb-player in the page, for agents and for customers alike. The replay runs in rrweb's
// sandboxed iframe (no scripts) under the app's CSP. Chunks load page by page: the player starts
// on the first page (it holds the full snapshot) while the rest arrives. Decrypted events are not
// kept in the query cache after unmount. Beside it, the list of what happened (from the server).
// deskApi: the agent panel inside a helpdesk reads the same pages from its own routes (/embed).
export function ReplayViewer({ recordingId, scope, audience, onEnded, deskApi }: { recordingId: string; scope: "masked" | "unmasked"; audience: ReplayAudience; onEnded?: () => void; deskApi?: string }) {
  const target = useRef<HTMLDivElement>(null);
  // The player, once created: every later page is added through this promise, so pages arriving
  // while rrweb-player's module still loads wait for it, in order, instead of being lost.
  const player = useRef<Promise<Player> | null>(null);
  const fed = useRef(0);
  const events = useRecordingEvents(recordingId, scope, audience, deskApi);
  const t = useTranslations("replay");
  const errorText = useErrorText();

  const { hasNextPage, isFetchingNextPage, fetchNextPage, data } = events;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !events.isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, events.isError]);

  const pages = useMemo(() => data?.pages ?? [], [data]);
  const loaded = pages.length > 0 && !hasNextPage;
  const lastSeq = pages.at(-1)?.lastSeq ?? -1;
  const stillAllowed = useStillAllowed(recordingId, scope, audience, lastSeq, loaded && !events.isError, deskApi);
  // The server said no (approval ended or withdrawn, recording gone); a network hiccup is not that.
  const refused = stillAllowed.error instanceof ApiError && [403, 404, 410].includes(stillAllowed.error.status) ? stillAllowed.error : null;
  const ended = events.error ?? refused;

  useEffect(() => {
    const element = target.current;
    if (ended || pages.length <= fed.current || !element) return;
    const fresh = pages.slice(fed.current).flatMap((p) => p.events);
    fed.current = pages.length;
    const batch = [...fresh, ...timelineMarkers(fresh)].sort((a, b) => a.timestamp - b.timestamp);
    if (!player.current) {
      // As wide as the page allows (a phone: 390 px), at most 880 px; rrweb scales the page to fit.
      const width = Math.min(PLAYER_WIDTH, element.clientWidth || PLAYER_WIDTH);
      const height = Math.round((width * PLAYER_HEIGHT) / PLAYER_WIDTH);
      player.current = import("rrweb-player").then(
        ({ default: RrwebPlayer }) =>
        {
          const created = new RrwebPlayer({
            target: element,
            props: { events: batch as never, width, height, autoPlay: false, skipInactive: true, showController: true, tags: MARKER_COLORS, insertStyleRules: REPLAY_STYLES, mouseTail: false },
          }) as unknown as Player;
          nameControls(element, { playPause: t("playPause"), fullscreen: t("fullscreen"), skipInactive: t("skipInactive") });
          return created;
        },
      );
    } else {
      void player.current.then((p) => {
        for (const e of batch) p.getReplayer().addEvent(e);
      });
    }
  }, [pages, ended, t]);

  // A withdrawn approval or a deleted recording ends the replay on screen: nothing of it stays.
  // Told once per ending (the page then refreshes what it shows about the recording).
  const tellEnded = useRef(onEnded);
  useEffect(() => {
    tellEnded.current = onEnded;
  });
  useEffect(() => {
    if (!ended) return;
    void player.current?.then((p) => p.$destroy?.());
    player.current = null;
    fed.current = 0;
    tellEnded.current?.();
  }, [ended]);

  useEffect(
    () => () => {
      void player.current?.then((p) => p.$destroy?.());
      player.current = null;
    },
    [],
  );

  const list = pages.flatMap((p) => p.list);
  const start = pages.find((p) => p.events.length > 0)?.events[0]?.timestamp ?? list[0]?.at ?? 0;
  return (
    <div className="replay-viewer" data-testid="replay-viewer" aria-label={t("label", { scope })}>
      {ended ? (
        <div className="notice error" role="alert" data-testid={ended instanceof ApiError && ended.status === 410 ? "replay-ended" : "replay-error"}>
          <strong>{ended instanceof ApiError && ended.status === 410 ? t("gone") : t("cannotShow")}</strong> {errorText(ended)}
        </div>
      ) : (
        <>
          {events.isPending && <p role="status">{t("loading")}</p>}
          {hasNextPage && <p className="muted" role="status">{t("loadingRest")}</p>}
          <div ref={target} />
          <p className="muted">
            {t.rich("markers", {
              click: (chunks) => <span style={{ color: MARKER_COLORS.click }}>{chunks}</span>,
              page: (chunks) => <span style={{ color: MARKER_COLORS.page }}>{chunks}</span>,
              error: (chunks) => <span style={{ color: MARKER_COLORS.error }}>{chunks}</span>,
              trigger: (chunks) => <span style={{ color: MARKER_COLORS.trigger }}>{chunks}</span>,
            })}
          </p>
          {list.length > 0 && (
            <details open={audience === "customer"}>
              <summary>{t("whatHappened", { count: list.length })}</summary>
              <ol data-testid="replay-event-list" style={{ margin: "8px 0", paddingLeft: 20 }}>
                {list.map((e, i) => (
                  <li key={i}>
                    <span className="muted" style={{ color: MARKER_COLORS[e.kind] }}>{clock(Math.max(0, e.at - start))}</span> {e.label}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </>
      )}
    </div>
  );
}

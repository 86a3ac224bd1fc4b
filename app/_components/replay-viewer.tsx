"use client";
import "rrweb-player/dist/style.css";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/lib/i18n/client";
import { ApiError } from "@/lib/ui/api";
import { useRecordingEvents, useStillAllowed, type ReplayAudience } from "@/lib/ui/reveal";
import { timelineMarkers, MARKER_COLORS } from "@/lib/replay/markers";
import type { ReplayEvent } from "@/lib/replay/masking";
import { LISTED_KINDS, type ListedEvent, type ListedKind } from "@/lib/reveal/event-list";

// rrweb-player's icon buttons and its "skip inactive" switch have no accessible name: screen
// readers would announce "button". Named once the player has built its controls.
function nameControls(root: HTMLElement, names: { playPause: string; fullscreen: string; skipInactive: string }): void {
  const iconButtons = [...root.querySelectorAll<HTMLButtonElement>(".rr-controller__btns > button")].filter((b) => !b.textContent?.trim());
  iconButtons.forEach((button, i) => button.setAttribute("aria-label", i === 0 ? names.playPause : names.fullscreen));
  root.querySelector("input#skip")?.setAttribute("aria-label", names.skipInactive);
}

type Player = {
  getReplayer(): { addEvent(e: ReplayEvent): void };
  goto(offsetMs: number, play?: boolean): void;
  toggle(): void;
  setSpeed(speed: number): void;
  addEventListener(event: string, handler: (params: unknown) => unknown): void;
  $destroy?: () => void;
};

// Where the viewer opens: this long before the moment help was asked for (or the first error).
export const OPEN_BEFORE_MS = 30_000;
const SEEK_STEP_MS = 5_000;
const SPEED_KEYS: Record<string, number> = { "1": 1, "2": 2, "4": 4, "8": 8 };
const KIND_COLOR: Record<ListedKind, string> = { page: MARKER_COLORS.page, click: MARKER_COLORS.click, "rage-click": MARKER_COLORS.error, "dead-click": MARKER_COLORS.error, submit: MARKER_COLORS.click, error: MARKER_COLORS.error, trigger: MARKER_COLORS.trigger };

// The pages' lists as one: the trigger listed once (the first), whatever page carried it.
function mergedList(lists: ListedEvent[][]): ListedEvent[] {
  const all = lists.flat();
  const firstTrigger = all.find((e) => e.kind === "trigger");
  return all.filter((e) => e.kind !== "trigger" || e === firstTrigger);
}

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
// startAtSeconds: a shared link's moment (otherwise OPEN_BEFORE_MS before the trigger or first
// error); momentLink: the desk's address of a moment, offered as "Copy a link to this moment".
export function ReplayViewer({ recordingId, scope, audience, onEnded, deskApi, startAtSeconds, momentLink }: { recordingId: string; scope: "masked" | "unmasked"; audience: ReplayAudience; onEnded?: () => void; deskApi?: string; startAtSeconds?: number; momentLink?: (seconds: number) => string }) {
  const target = useRef<HTMLDivElement>(null);
  // The player, once created: every later page is added through this promise, so pages arriving
  // while rrweb-player's module still loads wait for it, in order, instead of being lost.
  const player = useRef<Promise<Player> | null>(null);
  const fed = useRef(0);
  const events = useRecordingEvents(recordingId, scope, audience, deskApi);
  const t = useTranslations("replay");
  const errorText = useErrorText();
  // The player's position (ms from the start) and state, as it reports them.
  const [ready, setReady] = useState<Player | null>(null);
  const [current, setCurrent] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [hidden, setHidden] = useState<ReadonlySet<ListedKind>>(new Set());
  // The link just copied, or shown to copy by hand where the browser refuses the clipboard.
  const [copied, setCopied] = useState<{ url: string; ok: boolean } | null>(null);
  const positioned = useRef(false);

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
          // Every frame while playing; a quarter-second step is enough for the list and spares renders.
          created.addEventListener("ui-update-current-time", (e) => setCurrent(Math.floor((Number((e as { payload?: unknown }).payload) || 0) / 250) * 250));
          created.addEventListener("ui-update-player-state", (e) => setPlaying((e as { payload?: unknown }).payload === "playing"));
          setReady(created);
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

  const list = useMemo(() => mergedList(pages.map((p) => p.list)), [pages]);
  const start = pages.find((p) => p.events.length > 0)?.events[0]?.timestamp ?? list[0]?.at ?? 0;
  const trigger = list.find((e) => e.kind === "trigger");
  const focus = trigger ?? list.find((e) => e.kind === "error");

  // Opens where it matters, once every page is in: the shared moment, else 30 s before the trigger
  // (or the first error). Only once: after that the agent drives.
  useEffect(() => {
    if (!ready || !loaded || positioned.current) return;
    positioned.current = true;
    const at = startAtSeconds !== undefined ? startAtSeconds * 1000 : focus ? Math.max(0, focus.at - start - OPEN_BEFORE_MS) : 0;
    if (at > 0) ready.goto(at, false);
  }, [ready, loaded, startAtSeconds, focus, start]);

  const seek = (offsetMs: number) => ready?.goto(Math.max(0, offsetMs), playing);
  // Space plays or pauses, arrows step 5 s, 1/2/4/8 set the speed (rrweb-player has no keys of its own).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!ready || ended || (e.target as HTMLElement).closest("button, input, select, textarea, a")) return;
    if (e.key === " ") ready.toggle();
    else if (e.key === "ArrowLeft") seek(current - SEEK_STEP_MS);
    else if (e.key === "ArrowRight") seek(current + SEEK_STEP_MS);
    else if (SPEED_KEYS[e.key]) ready.setSpeed(SPEED_KEYS[e.key]!);
    else return;
    e.preventDefault();
  };
  const copyMoment = async () => {
    if (!momentLink) return;
    const url = momentLink(Math.floor(current / 1000));
    const ok = await navigator.clipboard?.writeText(url).then(() => true, () => false);
    setCopied({ url, ok: ok === true });
  };
  const kinds = LISTED_KINDS.filter((k) => list.some((e) => e.kind === k));
  const shown = list.filter((e) => !hidden.has(e.kind));
  // The item being played: the last one at or before the player's position.
  const playingIndex = shown.findLastIndex((e) => e.at - start <= current);
  const describe = (e: ListedEvent) => t(`kinds.${e.kind}`, { detail: e.detail ?? "", count: e.count ?? 0, hasDetail: e.detail ? "yes" : "no" });

  return (
    <div className="replay-viewer" data-testid="replay-viewer" aria-label={t("label", { scope })} tabIndex={0} onKeyDown={onKeyDown} aria-keyshortcuts="Space ArrowLeft ArrowRight 1 2 4 8" data-position={current} data-playing={playing}>
      {ended ? (
        <div className="notice error" role="alert" data-testid={ended instanceof ApiError && ended.status === 410 ? "replay-ended" : "replay-error"}>
          <strong>{ended instanceof ApiError && ended.status === 410 ? t("gone") : t("cannotShow")}</strong> {errorText(ended)}
        </div>
      ) : (
        <>
          {events.isPending && <p role="status">{t("loading")}</p>}
          {hasNextPage && <p className="muted" role="status">{t("loadingRest")}</p>}
          <div ref={target} />
          <p className="muted">{t("keys")}</p>
          <div style={{ display: "flex", gap: 8, flexWrap: "wrap", margin: "8px 0" }}>
            {trigger && <button type="button" className="secondary" disabled={!ready} onClick={() => seek(trigger.at - start)}>{t("jumpToTrigger")}</button>}
            {momentLink && <button type="button" className="secondary" disabled={!ready} onClick={() => void copyMoment()}>{t("copyMoment", { at: clock(current) })}</button>}
            {copied && (
              <span role="status" className="muted">
                {copied.ok ? t("copied") : t("copyByHand")} {!copied.ok && <input readOnly value={copied.url} aria-label={t("copyByHand")} onFocus={(e) => e.currentTarget.select()} />}
              </span>
            )}
          </div>
          <p className="muted">
            {t.rich("markers", {
              click: (chunks) => <span style={{ color: MARKER_COLORS.click }}>{chunks}</span>,
              page: (chunks) => <span style={{ color: MARKER_COLORS.page }}>{chunks}</span>,
              error: (chunks) => <span style={{ color: MARKER_COLORS.error }}>{chunks}</span>,
              trigger: (chunks) => <span style={{ color: MARKER_COLORS.trigger }}>{chunks}</span>,
            })}
          </p>
          {list.length > 0 && (
            <details open>
              <summary>{t("whatHappened", { count: list.length })}</summary>
              <fieldset style={{ border: 0, padding: 0, margin: "8px 0", display: "flex", gap: 12, flexWrap: "wrap" }}>
                <legend className="muted">{t("show")}</legend>
                {kinds.map((k) => (
                  <label key={k} style={{ fontWeight: 400 }}>
                    <input type="checkbox" style={{ width: "auto" }} checked={!hidden.has(k)} onChange={() => setHidden((h) => (h.has(k) ? new Set([...h].filter((x) => x !== k)) : new Set([...h, k])))} /> {t(`kindNames.${k}`)}
                  </label>
                ))}
              </fieldset>
              <ol data-testid="replay-event-list" style={{ margin: "8px 0", paddingLeft: 20 }}>
                {shown.map((e, i) => (
                  <li key={`${e.at}-${i}`} data-kind={e.kind} aria-current={i === playingIndex ? "time" : undefined} style={i === playingIndex ? { fontWeight: 600 } : undefined}>
                    <button type="button" className="link" disabled={!ready} onClick={() => seek(e.at - start)} aria-label={t("jumpTo", { at: clock(Math.max(0, e.at - start)), what: describe(e) })}>
                      <span style={{ color: KIND_COLOR[e.kind] }}>{clock(Math.max(0, e.at - start))}</span> {describe(e)}
                    </button>
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

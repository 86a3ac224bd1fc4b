"use client";
import "rrweb-player/dist/style.css";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api, recordingKeys } from "@/lib/ui/api";
import { timelineMarkers, MARKER_COLORS } from "@/lib/replay/markers";
import type { ReplayEvent } from "@/lib/replay/masking";

type Page = { events: ReplayEvent[]; lastSeq: number; done: boolean };
type Player = { getReplayer(): { addEvent(e: ReplayEvent): void }; $destroy?: () => void };

// Masked and blocked parts should read as deliberate, not broken.
const REPLAY_STYLES = [
  ".rr-block { background: repeating-linear-gradient(45deg, #eef1f5, #eef1f5 6px, #e2e6ec 6px, #e2e6ec 12px) !important; border-radius: 4px; }",
];

// rrweb-player in the agent's page. The replay runs in rrweb's sandboxed iframe (no scripts) under
// the app's CSP. Chunks load page by page: the player starts on the first page (it holds the full
// snapshot) while the rest arrives. Decrypted events are not kept in the query cache after unmount.
export function ReplayViewer({ recordingId, scope }: { recordingId: string; scope: "masked" | "unmasked" }) {
  const target = useRef<HTMLDivElement>(null);
  // The player, once created: every later page is added through this promise, so pages arriving
  // while rrweb-player's module still loads wait for it, in order, instead of being lost.
  const player = useRef<Promise<Player> | null>(null);
  const fed = useRef(0);
  const events = useInfiniteQuery({
    queryKey: recordingKeys.events(recordingId, scope),
    queryFn: ({ pageParam }) => api<Page>(`/api/v1/desk/recordings/${recordingId}/events?scope=${scope}&after=${pageParam}`),
    initialPageParam: -1,
    getNextPageParam: (last) => (last.done ? undefined : last.lastSeq),
    staleTime: Infinity,
    gcTime: 0,
  });

  const { hasNextPage, isFetchingNextPage, fetchNextPage, data } = events;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  useEffect(() => {
    const pages = data?.pages ?? [];
    const element = target.current;
    if (pages.length <= fed.current || !element) return;
    const fresh = pages.slice(fed.current).flatMap((p) => p.events);
    fed.current = pages.length;
    const batch = [...fresh, ...timelineMarkers(fresh)].sort((a, b) => a.timestamp - b.timestamp);
    if (!player.current) {
      player.current = import("rrweb-player").then(
        ({ default: RrwebPlayer }) =>
          new RrwebPlayer({
            target: element,
            props: { events: batch as never, width: 880, height: 500, autoPlay: false, skipInactive: true, showController: true, tags: MARKER_COLORS, insertStyleRules: REPLAY_STYLES, mouseTail: false },
          }) as unknown as Player,
      );
    } else {
      void player.current.then((p) => {
        for (const e of batch) p.getReplayer().addEvent(e);
      });
    }
  }, [data]);

  useEffect(
    () => () => {
      void player.current?.then((p) => p.$destroy?.());
      player.current = null;
    },
    [],
  );

  return (
    <div data-testid="replay-viewer" aria-label={`${scope === "masked" ? "Masked" : "Unmasked"} replay`}>
      {events.isPending && <p role="status">Loading the recording…</p>}
      {events.isError && <p className="notice error" role="alert">{events.error.message}</p>}
      {hasNextPage && <p className="muted" role="status">Loading the rest of the recording…</p>}
      <div ref={target} />
      <p className="muted">Markers: <span style={{ color: MARKER_COLORS.click }}>clicks</span>, <span style={{ color: MARKER_COLORS.page }}>page changes</span>, <span style={{ color: MARKER_COLORS.error }}>JavaScript errors</span>, <span style={{ color: MARKER_COLORS.trigger }}>the trigger</span>.</p>
    </div>
  );
}

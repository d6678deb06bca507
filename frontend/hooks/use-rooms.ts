"use client";

import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { getApi, type ApiError, type RoomSummary } from "@/lib/api";
import { rememberRooms } from "@/lib/chat/known-rooms";

let cached: RoomSummary[] | null = null;
let refetchTimer: ReturnType<typeof setTimeout> | null = null;
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(rooms: RoomSummary[]) {
  cached = rooms;
  rememberRooms(rooms.map((r) => r.id));
  for (const listener of listeners) listener();
}

/** A fetched list, except rooms this page has seen newer frames of than the answer reflects. */
function mergeFetched(local: readonly RoomSummary[] | null, fetched: RoomSummary[]): RoomSummary[] {
  if (!local) return fetched;
  const newer = new Map(local.map((r) => [r.id, r]));
  return fetched.map((r) => {
    const mine = newer.get(r.id);
    return mine && mine.lastSeq > r.lastSeq ? mine : r;
  });
}

/** Asks for the room list now (after creating, leaving or deleting a room, or to catch up after a disconnect). */
export function refreshRooms(): Promise<void> {
  inflight ??= getApi()
    .rooms.list()
    .then((page) => publish(mergeFetched(cached, page.items)))
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

/** Asks again shortly, once for a burst of changes (several frames that the list cannot apply by itself). */
export function scheduleRoomsRefresh(delayMs = 400): void {
  if (refetchTimer) return;
  refetchTimer = setTimeout(() => {
    refetchTimer = null;
    void refreshRooms().catch(() => undefined);
  }, delayMs);
}

/** Changes the list here and now (a frame, a read receipt this page sent). */
export function updateRooms(change: (rooms: RoomSummary[]) => RoomSummary[]): void {
  if (cached) publish(change(cached));
}

export function currentRooms(): RoomSummary[] | null {
  return cached;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The caller's rooms, most recent activity first: read once, then kept current by the rooms' frames
 * (see useRoomListLive), with a slow poll only while the WebSocket is down.
 */
export function useRooms() {
  const rooms = useSyncExternalStore(subscribe, () => cached, () => null);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(() => {
    refreshRooms().then(
      () => setError(null),
      (e: ApiError) => setError(e),
    );
  }, []);

  useEffect(() => {
    if (cached === null) reload();
  }, [reload]);

  return { rooms, error, status: rooms ? "ready" : error ? "error" : "loading", reload } as const;
}

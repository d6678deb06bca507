"use client";

import { useCallback, useEffect, useState } from "react";
import { getApi, type ApiError, type RoomSummary } from "@/lib/api";

const POLL_INTERVAL_MS = 5000;

let cached: RoomSummary[] | null = null;
const listeners = new Set<(rooms: RoomSummary[]) => void>();

function publish(rooms: RoomSummary[]) {
  cached = rooms;
  for (const listener of listeners) listener(rooms);
}

/** Asks for the room list now (after creating, leaving or deleting a room) instead of at the next poll. */
export async function refreshRooms(): Promise<void> {
  publish((await getApi().rooms.list()).items);
}

/** The caller's rooms, most recent activity first, refreshed every few seconds and on focus. */
export function useRooms() {
  const [rooms, setRooms] = useState<RoomSummary[] | null>(cached);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    listeners.add(setRooms);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const poll = async () => {
      if (timer) clearTimeout(timer);
      try {
        await refreshRooms();
        if (!stopped) setError(null);
      } catch (e) {
        if (!stopped) setError(e as ApiError);
      }
      if (!stopped) timer = setTimeout(poll, POLL_INTERVAL_MS);
    };
    void poll();
    const onFocus = () => void poll();
    window.addEventListener("focus", onFocus);
    return () => {
      stopped = true;
      listeners.delete(setRooms);
      window.removeEventListener("focus", onFocus);
      if (timer) clearTimeout(timer);
    };
  }, []);

  const reload = useCallback(() => {
    refreshRooms().then(
      () => setError(null),
      (e: ApiError) => setError(e),
    );
  }, []);

  return { rooms, error, status: rooms ? "ready" : error ? "error" : "loading", reload } as const;
}

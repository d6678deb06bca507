"use client";

import { useEffect, useEffectEvent, useState } from "react";
import { getApi, type ApiError, type RoomFrame } from "@/lib/api";
import { pollingFrameSource, type FrameSource, type FrameStatus } from "@/lib/chat/frame-source";

const POLL_INTERVAL_MS = 1500;

let source: FrameSource | null = null;

/**
 * The one place that decides how live frames arrive. Polling GET /api/rooms/{id}/events until the
 * STOMP push exists; a STOMP FrameSource (SUBSCRIBE /topic/rooms/{id} with a since-seq header) drops
 * in here without any component or other hook changing.
 */
function frameSource(): FrameSource {
  source ??= pollingFrameSource({
    intervalMs: POLL_INTERVAL_MS,
    fetchEvents: (roomId, after, limit, signal) => getApi().rooms.events(roomId, after, limit, signal),
  });
  return source;
}

/**
 * Delivers the room's frames with seq greater than `since` to `onFrames`, in order and once each.
 * Nothing runs while `since` is null (the snapshot to apply frames on is not loaded yet).
 */
export function useRoomFrames(roomId: string, since: number | null, onFrames: (frames: RoomFrame[]) => void) {
  const [state, setState] = useState<{ status: FrameStatus; error: ApiError | null }>({
    status: "connecting",
    error: null,
  });
  const deliver = useEffectEvent(onFrames);

  useEffect(() => {
    if (since === null) return;
    return frameSource()(roomId, since, {
      frames: (frames) => deliver(frames),
      status: (status, error) => setState({ status, error }),
    });
  }, [roomId, since]);

  return { status: state.status, error: state.error };
}

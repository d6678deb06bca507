"use client";

import { useEffect, useEffectEvent, useState } from "react";
import { getApi, type ApiError, type RoomFrame } from "@/lib/api";
import { pollingFrameSource, type FrameSource, type FrameStatus, type FrameTransport } from "@/lib/chat/frame-source";
import { liveFrameSource } from "@/lib/chat/live-frame-source";
import { getRealtime, getRoomSignals } from "@/lib/realtime";

const POLL_INTERVAL_MS = 1500;

let source: FrameSource | null = null;

/**
 * The one place that decides how live frames arrive: `SUBSCRIBE /topic/rooms/{id}` with `since-seq` on the
 * page's WebSocket, and polling GET /api/rooms/{id}/events from the same cursor while the socket is down.
 */
function frameSource(): FrameSource {
  source ??= liveFrameSource({
    channel: getRealtime(),
    poll: pollingFrameSource({
      intervalMs: POLL_INTERVAL_MS,
      fetchEvents: (roomId, after, limit, signal) => getApi().rooms.events(roomId, after, limit, signal),
    }),
  });
  return source;
}

/**
 * Delivers the room's frames with seq greater than `since` to `onFrames`, in order and once each; typing
 * frames go to the room's signals (see useTyping). Nothing runs while `since` is null (the snapshot to
 * apply frames on is not loaded yet).
 */
export function useRoomFrames(roomId: string, since: number | null, onFrames: (frames: RoomFrame[]) => void) {
  const [state, setState] = useState<{ status: FrameStatus; error: ApiError | null }>({
    status: "connecting",
    error: null,
  });
  const [transport, setTransport] = useState<FrameTransport | null>(null);
  const deliver = useEffectEvent(onFrames);

  useEffect(() => {
    if (since === null) return;
    const signals = getRoomSignals();
    return frameSource()(roomId, since, {
      frames: (frames) => {
        deliver(frames);
        for (const frame of frames) if (frame.type === "message.posted") signals.emit(frame);
      },
      status: (status, error) => setState({ status, error }),
      transport: setTransport,
      signal: (frame) => signals.emit(frame),
    });
  }, [roomId, since]);

  return { status: state.status, error: state.error, transport };
}

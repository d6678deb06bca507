import { ApiError } from "../api/problem";
import type { RoomFrame, TypingFrame } from "../api/types";
import type { ConnectionStatus, RealtimeChannel } from "../realtime/connection";
import type { FrameSource, FrameStatus, FrameTransport } from "./frame-source";

export interface LiveOptions {
  channel: RealtimeChannel;
  /** The catch-up used while the socket is down (polling GET /events). */
  poll: FrameSource;
  /** How long a first connect may take before polling steps in. */
  fallbackAfterMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

type Seqless = { seq: null | undefined; type: string };

function isSeqless(frame: RoomFrame | TypingFrame | Seqless): frame is TypingFrame | Seqless {
  return typeof frame.seq !== "number";
}

/**
 * A room's frames from `SUBSCRIBE /topic/rooms/{id}` with `since-seq` = the last seq delivered, so a
 * (re)subscribe replays exactly what was missed. While the socket is down, the polling source catches up
 * from the same cursor; both are gap-free from where they start and the cursor only moves forward, so
 * switching between them never skips or repeats a frame.
 */
export function liveFrameSource(options: LiveOptions): FrameSource {
  const { channel, poll } = options;
  const fallbackAfter = options.fallbackAfterMs ?? 2000;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  return (roomId, since, listener) => {
    let cursor = since;
    let stopped = false;
    let stopPolling: (() => void) | null = null;
    let grace: unknown = null;
    let transport: FrameTransport | null = null;
    let lastStatus: FrameStatus | null = null;

    const report = (status: FrameStatus, error: ApiError | null) => {
      if (stopped || (status === lastStatus && error === null)) return;
      lastStatus = status;
      listener.status(status, error);
    };
    const switchTo = (next: FrameTransport) => {
      if (stopped || next === transport) return;
      transport = next;
      listener.transport?.(next);
    };
    const deliver = (frames: RoomFrame[]) => {
      if (stopped) return;
      const fresh = frames.filter((f) => f.seq > cursor).sort((a, b) => a.seq - b.seq);
      if (fresh.length === 0) return;
      cursor = fresh[fresh.length - 1]!.seq;
      listener.frames(fresh);
    };
    const cancelGrace = () => {
      if (grace !== null) clearTimer(grace);
      grace = null;
    };
    const halt = () => {
      cancelGrace();
      stopPolling?.();
      stopPolling = null;
    };

    const finish = (status: FrameStatus, error: ApiError | null) => {
      report(status, error);
      stopped = true;
      teardown();
    };

    const startPolling = () => {
      cancelGrace();
      if (stopped || stopPolling) return;
      switchTo("poll");
      stopPolling = poll(roomId, cursor, {
        frames: deliver,
        status: (status, error) => {
          if (status === "gone" || status === "forbidden" || status === "ended") finish(status, error);
          else report(status, error);
        },
      });
    };

    const follow = (status: ConnectionStatus) => {
      if (stopped) return;
      if (status === "live") {
        halt();
        switchTo("push");
        report("live", null);
      } else if (status === "connecting" && !stopPolling) {
        report("connecting", null);
        if (grace === null) grace = setTimer(startPolling, fallbackAfter);
      } else {
        startPolling();
      }
    };

    const unsubscribe = channel.subscribe(`/topic/rooms/${roomId}`, {
      headers: () => ({ "since-seq": String(cursor) }),
      message: (body) => {
        const frame = body as RoomFrame | TypingFrame | Seqless;
        if (frame === null || typeof frame !== "object" || (frame as { roomId?: string }).roomId !== roomId) return;
        if (!isSeqless(frame)) deliver([frame]);
        else if (frame.type === "typing" && !stopped) listener.signal?.(frame as TypingFrame);
      },
      refused: (refusal) => {
        const gone = refusal.code === "ROOM_NOT_FOUND";
        finish(gone ? "gone" : "forbidden", new ApiError({ status: gone ? 404 : 403, code: refusal.code, detail: refusal.detail }));
      },
    });
    const unfollow = channel.onStatus(follow);

    function teardown() {
      halt();
      unfollow();
      unsubscribe();
    }

    report("connecting", null);
    follow(channel.getStatus());
    return () => {
      stopped = true;
      teardown();
    };
  };
}

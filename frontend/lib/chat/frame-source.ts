import { ApiError } from "../api/problem";
import type { FramePage, RoomFrame, TypingFrame, Uuid } from "../api/types";

/** Where a room's live frames come from: the STOMP push, or polling while the socket is down. */
export type FrameStatus = "connecting" | "live" | "reconnecting" | "gone" | "forbidden" | "ended";
export type FrameTransport = "push" | "poll";

export interface FrameListener {
  /** Frames in ascending seq order, each delivered once, none skipped. */
  frames(frames: RoomFrame[]): void;
  status(status: FrameStatus, error: ApiError | null): void;
  /** Which way frames arrive right now. */
  transport?(transport: FrameTransport): void;
  /** Ephemeral frames without a seq (typing); only the push carries them. */
  signal?(frame: TypingFrame): void;
}

/** Starts delivering frames with seq greater than `since`; the returned function stops it. */
export type FrameSource = (roomId: Uuid, since: number, listener: FrameListener) => () => void;

export interface PollingOptions {
  fetchEvents: (roomId: Uuid, after: number, limit: number, signal: AbortSignal) => Promise<FramePage>;
  intervalMs?: number;
  maxBackoffMs?: number;
  pageSize?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

function terminalStatus(error: ApiError): FrameStatus | null {
  if (error.code === "ROOM_NOT_FOUND" || error.status === 404) return "gone";
  if (error.code === "NOT_A_PARTICIPANT" || error.status === 403) return "forbidden";
  if (error.status === 401) return "ended";
  return null;
}

/**
 * Polls GET /api/rooms/{id}/events?after= until stopped, draining pages back to back when the
 * server says there is more, and backing off (doubling up to maxBackoffMs) while the server is
 * unreachable. A cursor only moves forward, so a frame is never handed out twice.
 */
export function pollingFrameSource(options: PollingOptions): FrameSource {
  const interval = options.intervalMs ?? 1500;
  const maxBackoff = options.maxBackoffMs ?? 15_000;
  const pageSize = options.pageSize ?? 200;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  return (roomId, since, listener) => {
    let cursor = since;
    let stopped = false;
    let failures = 0;
    let timer: unknown = null;
    let lastStatus: FrameStatus | null = null;
    const controller = new AbortController();

    const report = (status: FrameStatus, error: ApiError | null) => {
      if (stopped || (status === lastStatus && error === null)) return;
      lastStatus = status;
      listener.status(status, error);
    };

    const poll = async () => {
      timer = null;
      try {
        let more = true;
        while (more && !stopped) {
          const page = await options.fetchEvents(roomId, cursor, pageSize, controller.signal);
          if (stopped) return;
          const fresh = page.items.filter((f) => f.seq > cursor).sort((a, b) => a.seq - b.seq);
          if (fresh.length > 0) {
            cursor = fresh[fresh.length - 1]!.seq;
            listener.frames(fresh);
          }
          more = page.nextCursor !== null && fresh.length > 0;
        }
        failures = 0;
        report("live", null);
      } catch (error) {
        if (stopped) return;
        const apiError = error instanceof ApiError ? error : null;
        const terminal = apiError ? terminalStatus(apiError) : null;
        if (terminal) {
          report(terminal, apiError);
          stopped = true;
          return;
        }
        failures += 1;
        report("reconnecting", apiError);
      }
      if (!stopped) {
        const delay = failures === 0 ? interval : Math.min(maxBackoff, interval * 2 ** failures);
        timer = setTimer(() => void poll(), delay);
      }
    };

    report("connecting", null);
    void poll();
    return () => {
      stopped = true;
      controller.abort();
      if (timer !== null) clearTimer(timer);
    };
  };
}

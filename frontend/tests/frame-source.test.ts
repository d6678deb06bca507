import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/problem";
import type { FramePage, RoomFrame } from "@/lib/api/types";
import { pollingFrameSource, type FrameStatus } from "@/lib/chat/frame-source";

const frame = (seq: number): RoomFrame => ({ type: "receipt", roomId: "r", seq, at: "t", data: { userId: "u", upToSeq: seq } });

/** Manual timers: a test decides when the next poll happens. */
function harness(answers: Array<FramePage | Error>) {
  const requests: number[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const delivered: number[] = [];
  const statuses: FrameStatus[] = [];
  const source = pollingFrameSource({
    intervalMs: 1000,
    maxBackoffMs: 8000,
    fetchEvents: async (_room, after) => {
      requests.push(after);
      const answer = answers.shift() ?? { items: [], nextCursor: null };
      if (answer instanceof Error) throw answer;
      return answer;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
  });
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  const tick = async () => {
    const next = timers.shift();
    if (!next) throw new Error("no poll scheduled");
    next.fn();
    await flush();
    return next.ms;
  };
  const start = (since: number) =>
    source("r", since, { frames: (f) => delivered.push(...f.map((x) => x.seq)), status: (s) => statuses.push(s) });
  return { requests, timers, delivered, statuses, tick, flush, start };
}

describe("polling frame source", () => {
  it("delivers frames after `since` in order, moving the cursor forward", async () => {
    const h = harness([{ items: [frame(6), frame(5)], nextCursor: null }, { items: [frame(7)], nextCursor: null }]);
    h.start(4);
    await h.flush();
    expect(await h.tick()).toBe(1000);
    expect(h.requests).toEqual([4, 6]);
    expect(h.delivered).toEqual([5, 6, 7]);
    expect(h.statuses).toEqual(["connecting", "live"]);
  });

  it("drains further pages at once when the server says there is more", async () => {
    const h = harness([{ items: [frame(1), frame(2)], nextCursor: 2 }, { items: [frame(3)], nextCursor: null }]);
    h.start(0);
    await h.flush();
    expect(h.requests).toEqual([0, 2]);
    expect(h.delivered).toEqual([1, 2, 3]);
    expect(h.timers).toHaveLength(1);
  });

  it("drops frames at or below the cursor, so nothing is delivered twice", async () => {
    const h = harness([{ items: [frame(3), frame(4)], nextCursor: null }, { items: [frame(4), frame(5)], nextCursor: null }]);
    h.start(3);
    await h.flush();
    await h.tick();
    expect(h.delivered).toEqual([4, 5]);
  });

  it("backs off while the server is unreachable and recovers", async () => {
    const offline = new ApiError({ status: 0, code: "NETWORK_ERROR" });
    const h = harness([offline, offline, offline, { items: [frame(1)], nextCursor: null }]);
    h.start(0);
    await h.flush();
    expect(h.statuses).toEqual(["connecting", "reconnecting"]);
    expect(await h.tick()).toBe(2000);
    expect(await h.tick()).toBe(4000);
    expect(await h.tick()).toBe(8000);
    expect(h.delivered).toEqual([1]);
    expect(h.statuses.at(-1)).toBe("live");
    expect(h.timers[0]?.ms).toBe(1000);
  });

  it("stops for good when the room is gone or the person was removed", async () => {
    const gone = harness([new ApiError({ status: 404, code: "ROOM_NOT_FOUND" })]);
    gone.start(0);
    await gone.flush();
    expect(gone.statuses.at(-1)).toBe("gone");
    expect(gone.timers).toHaveLength(0);

    const removed = harness([new ApiError({ status: 403, code: "NOT_A_PARTICIPANT" })]);
    removed.start(0);
    await removed.flush();
    expect(removed.statuses.at(-1)).toBe("forbidden");
  });

  it("delivers nothing after stop", async () => {
    const h = harness([{ items: [frame(1)], nextCursor: null }]);
    const stop = h.start(0);
    stop();
    await h.flush();
    expect(h.delivered).toEqual([]);
    expect(h.timers).toHaveLength(0);
  });
});

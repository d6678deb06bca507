import { describe, expect, it } from "vitest";
import type { FramePage, RoomFrame, TypingFrame } from "@/lib/api/types";
import { pollingFrameSource, type FrameStatus, type FrameTransport } from "@/lib/chat/frame-source";
import { liveFrameSource } from "@/lib/chat/live-frame-source";
import type { ConnectionStatus, RealtimeChannel, SubscriptionHandler } from "@/lib/realtime/connection";
import { manualTimers, settle } from "./fake-stomp";

const frame = (seq: number, roomId = "r"): RoomFrame => ({ type: "receipt", roomId, seq, at: "t", data: { userId: "u", upToSeq: seq } });
const typing = (roomId = "r"): TypingFrame => ({
  type: "typing",
  roomId,
  seq: null,
  at: "t",
  data: { userId: "b", username: "bob", typing: true, expiresAt: "t" },
});

/** The connection as the frame source sees it, switched by the test. */
class FakeChannel implements RealtimeChannel {
  status: ConnectionStatus = "idle";
  readonly subscriptions = new Map<string, SubscriptionHandler>();
  private readonly listeners = new Set<(s: ConnectionStatus) => void>();
  getStatus() {
    return this.status;
  }
  onStatus(listener: (s: ConnectionStatus) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  subscribe(destination: string, handler: SubscriptionHandler) {
    this.subscriptions.set(destination, handler);
    return () => this.subscriptions.delete(destination);
  }
  publish() {
    return false;
  }
  set(status: ConnectionStatus) {
    this.status = status;
    for (const l of this.listeners) l(status);
  }
  push(destination: string, body: unknown) {
    this.subscriptions.get(destination)?.message(body);
  }
}

function harness(status: ConnectionStatus, pages: FramePage[] = []) {
  const channel = new FakeChannel();
  channel.status = status;
  const timers = manualTimers();
  const polled: number[] = [];
  const source = liveFrameSource({
    channel,
    fallbackAfterMs: 2000,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    poll: pollingFrameSource({
      intervalMs: 1500,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
      fetchEvents: async (_room, after) => {
        polled.push(after);
        return pages.shift() ?? { items: [], nextCursor: null };
      },
    }),
  });
  const delivered: number[] = [];
  const statuses: FrameStatus[] = [];
  const transports: FrameTransport[] = [];
  const signals: TypingFrame[] = [];
  const stop = source("r", 4, {
    frames: (f) => delivered.push(...f.map((x) => x.seq)),
    status: (s) => statuses.push(s),
    transport: (t) => transports.push(t),
    signal: (f) => signals.push(f),
  });
  const since = () => channel.subscriptions.get("/topic/rooms/r")?.headers?.()["since-seq"];
  return { channel, timers, polled, delivered, statuses, transports, signals, stop, since };
}

describe("live frame source", () => {
  it("subscribes to the room with since-seq and delivers pushed frames in order, once each", () => {
    const h = harness("live");
    expect(h.since()).toBe("4");
    for (const seq of [5, 6, 6, 3, 7]) h.channel.push("/topic/rooms/r", frame(seq));
    expect(h.delivered).toEqual([5, 6, 7]);
    expect(h.since()).toBe("7");
    expect(h.statuses).toEqual(["connecting", "live"]);
    expect(h.transports).toEqual(["push"]);
    expect(h.polled).toEqual([]);
  });

  it("hands typing frames to the room's signals and ignores other rooms' frames", () => {
    const h = harness("live");
    h.channel.push("/topic/rooms/r", typing());
    h.channel.push("/topic/rooms/r", frame(9, "other"));
    expect(h.signals).toHaveLength(1);
    expect(h.delivered).toEqual([]);
  });

  it("polls from the last seq while the socket is down and resumes the push from where polling got", async () => {
    const h = harness("live", [{ items: [frame(6), frame(7)], nextCursor: null }]);
    h.channel.push("/topic/rooms/r", frame(5));
    h.channel.set("reconnecting");
    await settle();
    expect(h.polled).toEqual([5]);
    expect(h.delivered).toEqual([5, 6, 7]);
    expect(h.transports).toEqual(["push", "poll"]);
    h.channel.set("live");
    // the connection renews the subscription on reconnect, asking for its headers again
    expect(h.since()).toBe("7");
    h.channel.push("/topic/rooms/r", frame(7));
    h.channel.push("/topic/rooms/r", frame(8));
    expect(h.delivered).toEqual([5, 6, 7, 8]);
    expect(h.transports).toEqual(["push", "poll", "push"]);
    expect(h.timers.live()).toEqual([]);
  });

  it("gives a first connect a moment before polling steps in", async () => {
    const h = harness("connecting", [{ items: [frame(5)], nextCursor: null }]);
    expect(h.polled).toEqual([]);
    expect(h.timers.live()).toEqual([2000]);
    h.timers.fire();
    await settle();
    expect(h.polled).toEqual([4]);
    expect(h.delivered).toEqual([5]);
    expect(h.statuses).toEqual(["connecting", "live"]);
  });

  it("a connect within the grace period never polls", () => {
    const h = harness("connecting");
    h.channel.set("live");
    expect(h.timers.live()).toEqual([]);
    expect(h.polled).toEqual([]);
  });

  it("polls at once when there is no socket at all", async () => {
    const h = harness("idle");
    await settle();
    expect(h.polled).toEqual([4]);
  });

  it("a refused subscription ends the source as forbidden, or gone for a deleted room", () => {
    const h = harness("live");
    h.channel.subscriptions.get("/topic/rooms/r")!.refused!({ code: "NOT_A_PARTICIPANT", detail: "x" });
    expect(h.statuses).toEqual(["connecting", "live", "forbidden"]);
    expect(h.channel.subscriptions.size).toBe(0);
    h.channel.set("reconnecting");
    expect(h.polled).toEqual([]);

    const g = harness("live");
    g.channel.subscriptions.get("/topic/rooms/r")!.refused!({ code: "ROOM_NOT_FOUND", detail: "x" });
    expect(g.statuses.at(-1)).toBe("gone");
  });

  it("stopping unsubscribes and stops polling", async () => {
    const h = harness("reconnecting");
    await settle();
    h.stop();
    expect(h.channel.subscriptions.size).toBe(0);
    expect(h.timers.live()).toEqual([]);
    h.channel.set("live");
    expect(h.statuses).toEqual(["connecting", "live"]);
  });
});

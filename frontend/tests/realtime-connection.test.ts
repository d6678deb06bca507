import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/problem";
import { parseStompError, RealtimeConnection, type ConnectionStatus, type StompRefusal } from "@/lib/realtime/connection";
import { FakeStompServer, manualTimers, settle } from "./fake-stomp";

function harness(tokens: Array<string | Error> = ["t1"]) {
  const server = new FakeStompServer();
  for (const t of tokens) if (typeof t === "string") server.validTokens.add(t);
  const timers = manualTimers();
  const asked: string[] = [];
  const rejected: string[] = [];
  const statuses: ConnectionStatus[] = [];
  const queue = [...tokens];
  const connection = new RealtimeConnection({
    url: "ws://fake/ws",
    webSocketFactory: server.factory,
    heartbeatMs: 0,
    connectTimeoutMs: 0,
    minBackoffMs: 1000,
    maxBackoffMs: 8000,
    random: () => 0.5,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    token: async () => {
      const next = queue.length > 1 ? queue.shift()! : queue[0]!;
      if (next instanceof Error) throw next;
      asked.push(next);
      return next;
    },
    tokenRejected: (token) => rejected.push(token),
  });
  connection.onStatus((s) => statuses.push(s));
  return { server, timers, connection, asked, rejected, statuses };
}

describe("RealtimeConnection", () => {
  it("connects with the bearer token and subscribes everything registered, with headers computed then", async () => {
    const h = harness();
    const got: unknown[] = [];
    let since = 7;
    h.connection.subscribe("/topic/rooms/r1", { headers: () => ({ "since-seq": String(since) }), message: (b) => got.push(b) });
    since = 9;
    h.connection.start();
    await settle();
    expect(h.statuses).toEqual(["connecting", "live"]);
    const socket = h.server.last;
    expect(socket.sent("CONNECT")[0]!.headers.Authorization).toBe("Bearer t1");
    const subscribe = socket.sent("SUBSCRIBE")[0]!;
    expect(subscribe.headers.destination).toBe("/topic/rooms/r1");
    expect(subscribe.headers["since-seq"]).toBe("9");
    socket.push("/topic/rooms/r1", { type: "receipt", seq: 10 });
    expect(got).toEqual([{ type: "receipt", seq: 10 }]);
  });

  it("reconnects with backoff after the connection drops, with a fresh token and new since-seq", async () => {
    const h = harness(["t1", "t2"]);
    let since = 3;
    h.connection.subscribe("/topic/rooms/r1", { headers: () => ({ "since-seq": String(since) }), message: () => undefined });
    h.connection.start();
    await settle();
    since = 5;
    h.server.last.drop();
    await settle();
    expect(h.connection.getStatus()).toBe("reconnecting");
    expect(h.timers.live()).toEqual([1000]);
    h.timers.fire();
    await settle();
    expect(h.connection.getStatus()).toBe("live");
    expect(h.asked).toEqual(["t1", "t2"]);
    expect(h.server.sockets).toHaveLength(2);
    expect(h.server.last.sent("CONNECT")[0]!.headers.Authorization).toBe("Bearer t2");
    expect(h.server.last.sent("SUBSCRIBE")[0]!.headers["since-seq"]).toBe("5");
  });

  it("doubles the wait while the server stays unreachable, up to the cap, and starts over once connected", async () => {
    const h = harness();
    h.server.reachable = false;
    h.connection.start();
    await settle();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      waits.push(h.timers.fire());
      await settle();
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(h.connection.getStatus()).toBe("connecting");
    h.server.reachable = true;
    h.timers.fire();
    await settle();
    expect(h.connection.getStatus()).toBe("live");
    h.server.last.drop();
    await settle();
    expect(h.timers.live()).toEqual([1000]);
  });

  it("reports a refused token so the next attempt refreshes it", async () => {
    const h = harness(["stale", "fresh"]);
    h.server.validTokens.delete("stale");
    h.connection.start();
    await settle();
    expect(h.rejected).toEqual(["stale"]);
    expect(h.connection.getStatus()).toBe("connecting");
    h.timers.fire();
    await settle();
    expect(h.connection.getStatus()).toBe("live");
    expect(h.server.last.sent("CONNECT")[0]!.headers.Authorization).toBe("Bearer fresh");
  });

  it("ends without retrying when there is no login to connect with", async () => {
    const h = harness([new ApiError({ status: 401, code: "INVALID_REFRESH_TOKEN" })]);
    h.connection.start();
    await settle();
    expect(h.connection.getStatus()).toBe("ended");
    expect(h.server.sockets).toHaveLength(0);
    expect(h.timers.live()).toEqual([]);
  });

  it("retries when the token cannot be fetched for a network reason", async () => {
    const h = harness([new ApiError({ status: 0, code: "NETWORK_ERROR" }), "t1"]);
    h.connection.start();
    await settle();
    expect(h.server.sockets).toHaveLength(0);
    expect(h.timers.live()).toEqual([1000]);
    h.timers.fire();
    await settle();
    expect(h.connection.getStatus()).toBe("live");
  });

  it("gives up only the subscription the server refused and renews the others", async () => {
    const h = harness();
    const refusals: StompRefusal[] = [];
    h.connection.subscribe("/user/queue/events", { message: () => undefined });
    h.connection.subscribe("/topic/rooms/aaaaaaaa-1111", { message: () => undefined, refused: (r) => refusals.push(r) });
    h.server.refusedDestinations.set("/topic/rooms/aaaaaaaa-1111", "NOT_A_PARTICIPANT: not a participant of room aaaaaaaa-1111");
    h.connection.start();
    await settle();
    expect(refusals).toEqual([{ code: "NOT_A_PARTICIPANT", detail: "not a participant of room aaaaaaaa-1111" }]);
    h.timers.fire();
    await settle();
    expect(h.connection.getStatus()).toBe("live");
    expect(h.server.last.sent("SUBSCRIBE").map((f) => f.headers.destination)).toEqual(["/user/queue/events"]);
  });

  it("sends only while connected, and unsubscribing tells the server", async () => {
    const h = harness();
    expect(h.connection.publish("/app/rooms/r1/typing", { typing: true })).toBe(false);
    const off = h.connection.subscribe("/topic/rooms/r1", { message: () => undefined });
    h.connection.start();
    await settle();
    expect(h.connection.publish("/app/rooms/r1/typing", { typing: true })).toBe(true);
    const send = h.server.last.sent("SEND")[0]!;
    expect(send.headers.destination).toBe("/app/rooms/r1/typing");
    expect(JSON.parse(send.body)).toEqual({ typing: true });
    expect(h.server.last.subscriptions.size).toBe(1);
    off();
    await settle();
    expect(h.server.last.sent("UNSUBSCRIBE")).toHaveLength(1);
    expect(h.server.last.subscriptions.size).toBe(0);
  });

  it("stops for good: no reconnect after stop", async () => {
    const h = harness();
    h.connection.start();
    await settle();
    h.connection.stop();
    await settle();
    expect(h.connection.getStatus()).toBe("idle");
    expect(h.timers.live()).toEqual([]);
    expect(h.server.sockets).toHaveLength(1);
  });

  it("a nudge skips the rest of the backoff", async () => {
    const h = harness();
    h.server.reachable = false;
    h.connection.start();
    await settle();
    h.server.reachable = true;
    h.connection.nudge();
    await settle();
    expect(h.connection.getStatus()).toBe("live");
    expect(h.timers.live()).toEqual([]);
  });
});

describe("parseStompError", () => {
  it("reads the code and detail of a Spring ERROR frame, escaped or not", () => {
    expect(parseStompError({ headers: { message: "INVALID_TOKEN\\c The access token is not valid." }, body: "" })).toEqual({
      code: "INVALID_TOKEN",
      detail: "The access token is not valid.",
    });
    expect(parseStompError({ headers: { message: "NOT_A_PARTICIPANT: not a participant of room r" }, body: "" }).code).toBe("NOT_A_PARTICIPANT");
    expect(parseStompError({ headers: {}, body: "Something broke" })).toEqual({ code: "STOMP_ERROR", detail: "Something broke" });
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { createApi } from "@/lib/api";
import { ApiError } from "@/lib/api/problem";
import type { DeadLetter, ProjectionStatus } from "@/lib/api/types";
import { groupDeadLetters, lagPolyline, percent, recordLag } from "@/lib/admin/projections";
import { FakeBackend, json, MemoryStorage, problem } from "./fake-server";

const projection = (name: string, lag: number, extra: Partial<ProjectionStatus> = {}): ProjectionStatus => ({
  name,
  status: "RUNNING",
  position: 100 - lag,
  headPosition: 100,
  lag,
  replaying: false,
  progress: 1,
  segments: 4,
  lastRebuild: null,
  rebuildError: null,
  ...extra,
});

const letter = (id: string, processingGroup: string, enqueuedAt: string, globalIndex = 1): DeadLetter => ({
  id,
  processingGroup,
  sequenceId: `seq-${id}`,
  eventType: "MessagePosted",
  eventId: `ev-${id}`,
  globalIndex,
  enqueuedAt,
  lastTouched: enqueuedAt,
  causeType: "java.lang.IllegalStateException",
  causeMessage: "boom",
});

describe("lag history and chart", () => {
  it("keeps the newest readings per projection and forgets projections that are gone", () => {
    let history = recordLag({}, [projection("rooms", 3), projection("users", 0)], 1000, 2);
    history = recordLag(history, [projection("rooms", 2)], 3000, 2);
    history = recordLag(history, [projection("rooms", 0)], 5000, 2);
    expect(history).toEqual({ rooms: [{ at: 3000, lag: 2 }, { at: 5000, lag: 0 }] });
  });

  it("draws lag bottom to top over the time the readings span", () => {
    const { points, max } = lagPolyline([{ at: 0, lag: 0 }, { at: 1000, lag: 4 }, { at: 2000, lag: 2 }], 100, 20);
    expect(max).toBe(4);
    expect(points).toBe("0,20 50,0 100,10");
    expect(lagPolyline([], 100, 20)).toEqual({ points: "", max: 0 });
    expect(lagPolyline([{ at: 5, lag: 0 }, { at: 6, lag: 0 }], 100, 20).points).toBe("0,20 100,20");
  });

  it("shows replay progress as a clamped whole percentage", () => {
    expect([percent(0), percent(0.426), percent(1), percent(1.7), percent(-1), percent(Number.NaN)]).toEqual(["0%", "42%", "100%", "100%", "0%", "0%"]);
  });
});

describe("dead letters", () => {
  it("groups letters by processing group, oldest group and letter first", () => {
    const groups = groupDeadLetters([
      letter("3", "rooms", "2026-11-25T10:00:03Z"),
      letter("1", "messages", "2026-11-25T10:00:01Z", 9),
      letter("2", "rooms", "2026-11-25T10:00:02Z"),
      letter("4", "messages", "2026-11-25T10:00:01Z", 7),
    ]);
    expect(groups.map((g) => [g.processingGroup, g.letters.map((l) => l.id)])).toEqual([
      ["messages", ["4", "1"]],
      ["rooms", ["2", "3"]],
    ]);
    expect(groups[1]!.since).toBe("2026-11-25T10:00:02Z");
  });
});

describe("admin API client", () => {
  let backend: FakeBackend;
  const api = () => createApi({ baseUrl: "http://api.test", fetch: backend.fetch, storage: new MemoryStorage() });

  beforeEach(() => {
    backend = new FakeBackend();
    backend.on("POST", "/api/auth/login", () => json(200, backend.issue()));
  });

  it("reads projections and starts a rebuild, telling a running rebuild (409) apart", async () => {
    backend.on("GET", "/api/admin/projections", () => json(200, [projection("rooms", 1, { replaying: true, progress: 0.5 })]));
    let running = false;
    backend.on("POST", "/api/admin/projections/rooms/rebuild", () => {
      if (running) return problem(409, "REBUILD_RUNNING");
      running = true;
      return new Response(null, { status: 202 });
    });
    const client = api();
    await client.auth.login({ username: "admin", password: "pw" });
    expect((await client.admin.projections())[0]).toMatchObject({ name: "rooms", replaying: true, progress: 0.5 });
    await expect(client.admin.rebuild("rooms")).resolves.toBeUndefined();
    const conflict = await client.admin.rebuild("rooms").catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ApiError);
    expect((conflict as ApiError).status).toBe(409);
    expect(backend.calls.filter((c) => c.method === "POST" && c.path.endsWith("/rebuild"))).toHaveLength(2);
  });

  it("lists dead letters and retries a processing group by its (encoded) name", async () => {
    backend.on("GET", "/api/admin/dead-letters", () => json(200, [letter("1", "query side", "2026-11-25T10:00:00Z")]));
    backend.on("POST", "/api/admin/dead-letters/query%20side/retry", () => json(200, { retried: 1, remaining: 0 }));
    const client = api();
    await client.auth.login({ username: "admin", password: "pw" });
    expect((await client.admin.deadLetters()).map((l) => l.processingGroup)).toEqual(["query side"]);
    expect(await client.admin.retryDeadLetters("query side")).toEqual({ retried: 1, remaining: 0 });
  });

  it("asks presence for a comma-separated list, and nothing for no one", async () => {
    backend.on("GET", "/api/presence", () => json(200, { a: true, b: false }));
    const client = api();
    await client.auth.login({ username: "admin", password: "pw" });
    expect(await client.presence.of(["a", "b"])).toEqual({ a: true, b: false });
    expect(backend.calls.at(-1)!.path).toBe("/api/presence?userIds=a%2Cb");
    const before = backend.calls.length;
    expect(await client.presence.of([])).toEqual({});
    expect(backend.calls.length).toBe(before);
  });

  it("asks the room's state by seq or by instant, and its audit by cursor", async () => {
    backend.on("GET", "/api/rooms/r1/state", () => json(200, { id: "r1", seq: 3 }));
    backend.on("GET", "/api/rooms/r1/audit", () => json(200, { items: [], nextCursor: null }));
    const client = api();
    await client.auth.login({ username: "admin", password: "pw" });
    await client.rooms.stateAt("r1", { atSeq: 3 });
    expect(backend.calls.at(-1)!.path).toBe("/api/rooms/r1/state?atSeq=3");
    await client.rooms.stateAt("r1", { asOf: "2026-11-25T10:00:00.000Z" });
    expect(backend.calls.at(-1)!.path).toBe("/api/rooms/r1/state?asOf=2026-11-25T10%3A00%3A00.000Z");
    await client.rooms.audit("r1", 50, 25);
    expect(backend.calls.at(-1)!.path).toBe("/api/rooms/r1/audit?after=50&limit=25");
  });
});

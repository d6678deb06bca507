// @vitest-environment jsdom
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PresenceMap, TypingFrame } from "@/lib/api";
import { getPresence, getRoomSignals } from "@/lib/realtime";
import { usePresence } from "@/hooks/use-presence";
import { useTyping } from "@/hooks/use-typing";
import { deferred, flush, type Deferred } from "./hook-helpers";

const fake = vi.hoisted(() => {
  const statusListeners = new Set<() => void>();
  return {
    status: "connecting" as string,
    statusListeners,
    published: [] as { destination: string; body: unknown }[],
    publishOk: true,
    presenceCalls: [] as { userIds: string[]; answer: { resolve: (flags: PresenceMap) => void } }[],
  };
});

vi.mock("@/lib/realtime", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/realtime")>();
  const connection = {
    getStatus: () => fake.status,
    onStatus: (listener: () => void) => {
      fake.statusListeners.add(listener);
      return () => fake.statusListeners.delete(listener);
    },
    publish: (destination: string, body: unknown) => {
      fake.published.push({ destination, body });
      return fake.publishOk;
    },
  };
  return { ...actual, getRealtime: () => connection };
});

vi.mock("@/lib/api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/api")>();
  const api = {
    presence: {
      of: (userIds: string[]) => {
        const answer: Deferred<PresenceMap> = deferred<PresenceMap>();
        fake.presenceCalls.push({ userIds, answer });
        return answer.promise;
      },
    },
  };
  return { ...actual, getApi: () => api };
});

const typing = (roomId: string, userId: string, username: string, on = true): TypingFrame => ({
  type: "typing",
  roomId,
  seq: null,
  at: "2026-01-01T00:00:00Z",
  data: { userId, username, typing: on, expiresAt: "2030-01-01T00:00:00Z" },
});

beforeEach(() => {
  vi.useFakeTimers();
  fake.status = "connecting";
  fake.published.length = 0;
  fake.publishOk = true;
  fake.presenceCalls.length = 0;
});
afterEach(() => {
  cleanup();
  getPresence().clear();
  vi.useRealTimers();
});

describe("useTyping", () => {
  it("shows others typing in this room, not the caller nor other rooms, and drops them after five seconds", async () => {
    const { result } = renderHook(() => useTyping("r1", "me"));
    act(() => {
      getRoomSignals().emit(typing("r1", "b", "bob"));
      getRoomSignals().emit(typing("r1", "me", "alice"));
      getRoomSignals().emit(typing("r2", "c", "carol"));
    });
    expect(result.current.typing).toEqual(["bob"]);
    expect(result.current.label).toBe("bob is typing…");

    await act(() => vi.advanceTimersByTimeAsync(4500));
    expect(result.current.typing).toEqual(["bob"]);
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(result.current.typing).toEqual([]);
    expect(result.current.label).toBe("");
  });

  it("drops a typist at once on typing:false", () => {
    const { result } = renderHook(() => useTyping("r1", "me"));
    act(() => getRoomSignals().emit(typing("r1", "b", "bob")));
    act(() => getRoomSignals().emit(typing("r1", "b", "bob", false)));
    expect(result.current.typing).toEqual([]);
  });

  it("announces typing at most once per renewal interval, and stops the notice", async () => {
    const { result } = renderHook(() => useTyping("r1", "me"));
    act(() => result.current.notifyTyping());
    act(() => result.current.notifyTyping());
    expect(fake.published).toEqual([{ destination: "/app/rooms/r1/typing", body: { typing: true } }]);

    await act(() => vi.advanceTimersByTimeAsync(2500));
    act(() => result.current.notifyTyping());
    expect(fake.published).toHaveLength(2);

    act(() => result.current.stopTyping());
    expect(fake.published[2]).toEqual({ destination: "/app/rooms/r1/typing", body: { typing: false } });
    act(() => result.current.notifyTyping());
    expect(fake.published[3]).toEqual({ destination: "/app/rooms/r1/typing", body: { typing: true } });
  });

  it("sends no typing:false when nothing was announced, and retries a notice that could not be sent", () => {
    const { result } = renderHook(() => useTyping("r1", "me"));
    act(() => result.current.stopTyping());
    expect(fake.published).toEqual([]);

    fake.publishOk = false;
    act(() => result.current.notifyTyping());
    fake.publishOk = true;
    act(() => result.current.notifyTyping());
    expect(fake.published.map((p) => p.body)).toEqual([{ typing: true }, { typing: true }]);
  });
});

describe("usePresence", () => {
  it("asks once for the distinct people, then answers from the presence store", async () => {
    const { result } = renderHook(() => usePresence(["b", "a", "b"]));
    expect(fake.presenceCalls.map((c) => c.userIds)).toEqual([["a", "b"]]);
    expect(result.current.online("a")).toBeNull();

    fake.presenceCalls[0]!.answer.resolve({ a: true, b: false });
    await flush();
    expect(result.current.online("a")).toBe(true);
    expect(result.current.online("b")).toBe(false);
    expect(result.current.online("c")).toBeNull();

    act(() => getPresence().merge({ b: true }));
    expect(result.current.online("b")).toBe(true);
  });

  it("asks again when the set changes or the connection goes live, not for the same set", () => {
    const { rerender } = renderHook(({ ids }) => usePresence(ids), { initialProps: { ids: ["a", "b"] } });
    rerender({ ids: ["b", "a"] });
    expect(fake.presenceCalls).toHaveLength(1);

    rerender({ ids: ["a", "c"] });
    expect(fake.presenceCalls.map((c) => c.userIds)).toEqual([["a", "b"], ["a", "c"]]);

    act(() => {
      fake.status = "live";
      for (const listener of fake.statusListeners) listener();
    });
    expect(fake.presenceCalls.map((c) => c.userIds)).toEqual([["a", "b"], ["a", "c"], ["a", "c"]]);
  });

  it("asks nothing for nobody", () => {
    renderHook(() => usePresence([]));
    expect(fake.presenceCalls).toEqual([]);
  });
});

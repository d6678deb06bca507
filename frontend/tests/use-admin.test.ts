// @vitest-environment jsdom
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, type DeadLetter, type ProjectionStatus } from "@/lib/api";
import { useDeadLetters } from "@/hooks/use-dead-letters";
import { useProjections } from "@/hooks/use-projections";
import { flush } from "./hook-helpers";

const admin = vi.hoisted(() => ({
  projections: vi.fn<(signal?: AbortSignal) => Promise<ProjectionStatus[]>>(),
  rebuild: vi.fn<(name: string) => Promise<void>>(),
  deadLetters: vi.fn<(signal?: AbortSignal) => Promise<DeadLetter[]>>(),
  retryDeadLetters: vi.fn<(processingGroup: string) => Promise<{ retried: number; remaining: number }>>(),
}));

vi.mock("@/lib/api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/api")>();
  return { ...actual, getApi: () => ({ admin }) };
});

const projection = (name: string, lag: number): ProjectionStatus =>
  ({ name, status: "RUNNING", position: 10 - lag, headPosition: 10, lag, replaying: false, progress: 1 }) as ProjectionStatus;
const letter = { id: "d1", processingGroup: "rooms", sequenceId: "s", eventType: "MessagePosted", eventId: "e1", globalIndex: 3 } as DeadLetter;

beforeEach(() => {
  vi.useFakeTimers();
  for (const fn of Object.values(admin)) fn.mockReset();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("useProjections", () => {
  it("polls every two seconds, keeping each projection's lag history", async () => {
    admin.projections.mockResolvedValueOnce([projection("rooms", 4)]).mockResolvedValueOnce([projection("rooms", 1)]);
    const { result } = renderHook(() => useProjections());
    expect(result.current.status).toBe("loading");
    await flush();
    expect(result.current.status).toBe("ready");
    expect(result.current.projections).toEqual([projection("rooms", 4)]);

    await act(() => vi.advanceTimersByTimeAsync(1999));
    expect(admin.projections).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(1));
    await flush();
    expect(admin.projections).toHaveBeenCalledTimes(2);
    expect(result.current.history.rooms!.map((s) => s.lag)).toEqual([4, 1]);
  });

  it("is in error when the first read fails", async () => {
    const denied = new ApiError({ status: 403, code: "FORBIDDEN" });
    admin.projections.mockRejectedValue(denied);
    const { result } = renderHook(() => useProjections());
    await flush();
    expect(result.current.status).toBe("error");
    expect(result.current.error).toBe(denied);
  });

  it("rebuild() asks the API and reads the status again at once", async () => {
    admin.projections.mockResolvedValue([projection("rooms", 0)]);
    admin.rebuild.mockResolvedValue(undefined);
    const { result } = renderHook(() => useProjections());
    await flush();
    let outcome: unknown;
    await act(async () => {
      outcome = await result.current.rebuild("rooms");
    });
    expect(outcome).toEqual({ ok: true });
    expect(admin.rebuild).toHaveBeenCalledWith("rooms");
    expect(admin.projections).toHaveBeenCalledTimes(2);
  });

  it("rebuild() hands back the refusal (409 while one runs) without reading again", async () => {
    const running = new ApiError({ status: 409, code: "REPLAY_IN_PROGRESS" });
    admin.projections.mockResolvedValue([projection("rooms", 0)]);
    admin.rebuild.mockRejectedValue(running);
    const { result } = renderHook(() => useProjections());
    await flush();
    let outcome: unknown;
    await act(async () => {
      outcome = await result.current.rebuild("rooms");
    });
    expect(outcome).toEqual({ ok: false, error: running });
    expect(admin.projections).toHaveBeenCalledTimes(1);
  });
});

describe("useDeadLetters", () => {
  it("lists the letters, empty while loading, every five seconds", async () => {
    admin.deadLetters.mockResolvedValue([letter]);
    const { result } = renderHook(() => useDeadLetters());
    expect(result.current.letters).toEqual([]);
    expect(result.current.status).toBe("loading");
    await flush();
    expect(result.current.letters).toEqual([letter]);
    expect(result.current.status).toBe("ready");
    await act(() => vi.advanceTimersByTimeAsync(4999));
    expect(admin.deadLetters).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(admin.deadLetters).toHaveBeenCalledTimes(2);
  });

  it("retry() returns the API's counts and reads the list again at once", async () => {
    admin.deadLetters.mockResolvedValueOnce([letter]).mockResolvedValueOnce([]);
    admin.retryDeadLetters.mockResolvedValue({ retried: 1, remaining: 0 });
    const { result } = renderHook(() => useDeadLetters());
    await flush();
    let outcome: unknown;
    await act(async () => {
      outcome = await result.current.retry("rooms");
    });
    await flush();
    expect(outcome).toEqual({ retried: 1, remaining: 0 });
    expect(admin.retryDeadLetters).toHaveBeenCalledWith("rooms");
    expect(admin.deadLetters).toHaveBeenCalledTimes(2);
    expect(result.current.letters).toEqual([]);
  });

  it("lets a failed retry reach the caller and keeps the list", async () => {
    const failure = new ApiError({ status: 500, code: "INTERNAL" });
    admin.deadLetters.mockResolvedValue([letter]);
    admin.retryDeadLetters.mockRejectedValue(failure);
    const { result } = renderHook(() => useDeadLetters());
    await flush();
    await act(async () => {
      await expect(result.current.retry("rooms")).rejects.toBe(failure);
    });
    expect(admin.deadLetters).toHaveBeenCalledTimes(1);
    expect(result.current.letters).toEqual([letter]);
  });
});

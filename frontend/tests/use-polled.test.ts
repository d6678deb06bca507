// @vitest-environment jsdom
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api";
import { usePolled } from "@/hooks/use-polled";
import { deferred, flush, type Deferred } from "./hook-helpers";

/** A read the test answers, keeping each call's signal. */
function fakeRead<T>() {
  const calls: { signal: AbortSignal; answer: Deferred<T> }[] = [];
  const read = vi.fn((signal: AbortSignal) => {
    const answer = deferred<T>();
    calls.push({ signal, answer });
    return answer.promise;
  });
  return { read, calls };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("usePolled", () => {
  it("reads at once, then again after each interval", async () => {
    const { read, calls } = fakeRead<string>();
    const { result } = renderHook(() => usePolled(read, 1000));
    expect(read).toHaveBeenCalledTimes(1);
    expect(result.current.data).toBeNull();

    calls[0]!.answer.resolve("first");
    await flush();
    expect(result.current.data).toBe("first");
    expect(result.current.error).toBeNull();

    await act(() => vi.advanceTimersByTimeAsync(999));
    expect(read).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(read).toHaveBeenCalledTimes(2);
    calls[1]!.answer.resolve("second");
    await flush();
    expect(result.current.data).toBe("second");
  });

  it("aborts the previous read when the next starts, and ignores its failure", async () => {
    const { read, calls } = fakeRead<string>();
    const { result } = renderHook(() => usePolled(read, 1000));
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(read).toHaveBeenCalledTimes(2);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.signal.aborted).toBe(false);

    calls[0]!.answer.reject(new DOMException("aborted", "AbortError"));
    await flush();
    expect(result.current.error).toBeNull();
  });

  it("reports a failed read and clears the error once a read succeeds", async () => {
    const { read, calls } = fakeRead<string>();
    const { result } = renderHook(() => usePolled(read, 1000));
    const failure = new ApiError({ status: 503, code: "UNAVAILABLE", detail: "down" });
    calls[0]!.answer.reject(failure);
    await flush();
    expect(result.current.error).toBe(failure);
    expect(result.current.data).toBeNull();

    await act(() => vi.advanceTimersByTimeAsync(1000));
    calls[1]!.answer.resolve("back");
    await flush();
    expect(result.current.data).toBe("back");
    expect(result.current.error).toBeNull();
  });

  it("refresh() reads at once, aborting the read in flight", async () => {
    const { read, calls } = fakeRead<string>();
    const { result } = renderHook(() => usePolled(read, 60_000));
    act(() => result.current.refresh());
    expect(read).toHaveBeenCalledTimes(2);
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[1]!.answer.resolve("fresh");
    await flush();
    expect(result.current.data).toBe("fresh");
  });

  it("hands every successful value to onData, and none of the failures", async () => {
    const { read, calls } = fakeRead<number>();
    const onData = vi.fn();
    renderHook(() => usePolled(read, 1000, onData));
    calls[0]!.answer.resolve(1);
    await flush();
    await act(() => vi.advanceTimersByTimeAsync(1000));
    calls[1]!.answer.reject(new ApiError({ status: 500, code: "INTERNAL" }));
    await flush();
    await act(() => vi.advanceTimersByTimeAsync(1000));
    calls[2]!.answer.resolve(3);
    await flush();
    expect(onData.mock.calls).toEqual([[1], [3]]);
  });

  it("stops reading and aborts when the component goes", async () => {
    const { read, calls } = fakeRead<string>();
    const { unmount } = renderHook(() => usePolled(read, 1000));
    unmount();
    expect(calls[0]!.signal.aborted).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(read).toHaveBeenCalledTimes(1);
  });
});

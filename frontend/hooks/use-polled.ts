"use client";

import { useCallback, useEffect, useState } from "react";
import type { ApiError } from "@/lib/api";

/**
 * A resource read now and again every `intervalMs` (each read aborted when the next starts or the component goes);
 * `refresh()` reads at once. `onData` sees every successful read, for history kept beside the latest value.
 */
export function usePolled<T>(read: (signal: AbortSignal) => Promise<T>, intervalMs: number, onData?: (data: T) => void) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    read(controller.signal).then(
      (value) => {
        setData(value);
        onData?.(value);
        setError(null);
      },
      (e: ApiError) => !controller.signal.aborted && setError(e),
    );
    const timer = setTimeout(() => setTick((n) => n + 1), intervalMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `read` and `onData` are stable module-level or memoised functions; the tick drives the polling
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick, intervalMs]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, refresh } as const;
}

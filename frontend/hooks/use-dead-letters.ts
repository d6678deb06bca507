"use client";

import { useCallback, useEffect, useState } from "react";
import { getApi, type ApiError, type DeadLetter, type DeadLetterRetry } from "@/lib/api";

const REFRESH_MS = 5000;

/**
 * Events the projections could not handle (`GET /api/admin/dead-letters`), refreshed every few seconds,
 * and retrying a processing group's letters (`POST …/{processingGroup}/retry` -> `{retried, remaining}`).
 */
export function useDeadLetters() {
  const [letters, setLetters] = useState<DeadLetter[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getApi()
      .admin.deadLetters(controller.signal)
      .then(
        (list) => {
          setLetters(list);
          setError(null);
        },
        (e: ApiError) => !controller.signal.aborted && setError(e),
      );
    const timer = setTimeout(() => setTick((n) => n + 1), REFRESH_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [tick]);

  const retry = useCallback(async (processingGroup: string): Promise<DeadLetterRetry> => {
    const result = await getApi().admin.retryDeadLetters(processingGroup);
    setTick((n) => n + 1);
    return result;
  }, []);

  return {
    letters: letters ?? [],
    error,
    status: letters ? "ready" : error ? "error" : "loading",
    retry,
  } as const;
}

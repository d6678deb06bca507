"use client";

import { useCallback } from "react";
import { getApi, type DeadLetterRetry } from "@/lib/api";
import { usePolled } from "./use-polled";

const REFRESH_MS = 5000;
const read = (signal: AbortSignal) => getApi().admin.deadLetters(signal);

/**
 * Events the projections could not handle (`GET /api/admin/dead-letters`), refreshed every few seconds,
 * and retrying a processing group's letters (`POST …/{processingGroup}/retry` -> `{retried, remaining}`).
 */
export function useDeadLetters() {
  const { data: letters, error, refresh } = usePolled(read, REFRESH_MS);

  const retry = useCallback(async (processingGroup: string): Promise<DeadLetterRetry> => {
    const result = await getApi().admin.retryDeadLetters(processingGroup);
    refresh();
    return result;
  }, [refresh]);

  return {
    letters: letters ?? [],
    error,
    status: letters ? "ready" : error ? "error" : "loading",
    retry,
  } as const;
}

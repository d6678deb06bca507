"use client";

import { useCallback, useEffect, useState } from "react";
import { getApi, type ApiError, type ProjectionStatus } from "@/lib/api";
import { recordLag, type LagHistory } from "@/lib/admin/projections";

const REFRESH_MS = 2000;

export type RebuildOutcome = { ok: true } | { ok: false; error: ApiError };

/**
 * The projections' status (`GET /api/admin/projections`), refreshed every 2 s with a short lag history
 * for charts, and starting a rebuild (`POST …/{name}/rebuild`: 202, or 409 while one runs).
 */
export function useProjections() {
  const [projections, setProjections] = useState<ProjectionStatus[] | null>(null);
  const [history, setHistory] = useState<LagHistory>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getApi()
      .admin.projections(controller.signal)
      .then(
        (list) => {
          setProjections(list);
          setHistory((h) => recordLag(h, list, Date.now()));
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

  const rebuild = useCallback(async (name: string): Promise<RebuildOutcome> => {
    try {
      await getApi().admin.rebuild(name);
      setTick((n) => n + 1);
      return { ok: true };
    } catch (e) {
      return { ok: false, error: e as ApiError };
    }
  }, []);

  return { projections, history, error, status: projections ? "ready" : error ? "error" : "loading", rebuild } as const;
}

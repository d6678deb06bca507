"use client";

import { useCallback, useState } from "react";
import { getApi, type ApiError, type ProjectionStatus } from "@/lib/api";
import { recordLag, type LagHistory } from "@/lib/admin/projections";
import { usePolled } from "./use-polled";

const REFRESH_MS = 2000;
const read = (signal: AbortSignal) => getApi().admin.projections(signal);

export type RebuildOutcome = { ok: true } | { ok: false; error: ApiError };

/**
 * The projections' status (`GET /api/admin/projections`), refreshed every 2 s with a short lag history
 * for charts, and starting a rebuild (`POST …/{name}/rebuild`: 202, or 409 while one runs).
 */
export function useProjections() {
  const [history, setHistory] = useState<LagHistory>({});
  const record = useCallback((list: ProjectionStatus[]) => setHistory((h) => recordLag(h, list, Date.now())), []);
  const { data: projections, error, refresh } = usePolled(read, REFRESH_MS, record);

  const rebuild = useCallback(async (name: string): Promise<RebuildOutcome> => {
    try {
      await getApi().admin.rebuild(name);
      refresh();
      return { ok: true };
    } catch (e) {
      return { ok: false, error: e as ApiError };
    }
  }, [refresh]);

  return { projections, history, error, status: projections ? "ready" : error ? "error" : "loading", rebuild } as const;
}

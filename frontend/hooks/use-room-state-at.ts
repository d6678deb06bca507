"use client";

import { useCallback, useEffect, useState } from "react";
import { getApi, type ApiError, type RoomStateAt } from "@/lib/api";

export type PointInTime = { atSeq: number } | { asOf: string };

/**
 * The room as it was at a chosen point, rebuilt by the server from its events
 * (`GET /api/rooms/{id}/state?atSeq=|asOf=`). Starts at now; the newest answer wins when points change fast.
 */
export function useRoomStateAt(roomId: string) {
  const [point, setPoint] = useState<PointInTime>(() => ({ asOf: new Date().toISOString() }));
  const [state, setState] = useState<RoomStateAt | null>(null);
  const [latestSeq, setLatestSeq] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      getApi()
        .rooms.stateAt(roomId, point, controller.signal)
        .then((next) => {
          setState(next);
          setLatestSeq((seq) => Math.max(seq, next.seq));
          setError(null);
        })
        .catch((e: ApiError) => {
          if (!controller.signal.aborted) setError(e);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [roomId, point]);

  const showSeq = useCallback((atSeq: number) => setPoint({ atSeq }), []);
  const showInstant = useCallback((asOf: string) => setPoint({ asOf }), []);
  const showNow = useCallback(() => setPoint({ asOf: new Date().toISOString() }), []);

  return { state, point, latestSeq, loading, error, showSeq, showInstant, showNow };
}

"use client";

import { useCallback, useEffect, useState } from "react";
import { getApi, type ApiError, type AuditEntry, type AuditPage } from "@/lib/api";
import { appendAudit } from "@/lib/chat/history";

const PAGE_SIZE = 50;

/** The room's stored events, oldest first, a page at a time (`GET /api/rooms/{id}/audit?after=`). */
export function useRoomAudit(roomId: string) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<number | null>(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  const accept = useCallback((page: AuditPage) => {
    setEntries((list) => appendAudit(list, page));
    setCursor(page.nextCursor);
    setError(null);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    getApi()
      .rooms.audit(roomId, 0, PAGE_SIZE, controller.signal)
      .then(accept, (e: ApiError) => !controller.signal.aborted && setError(e))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [roomId, accept]);

  const loadMore = useCallback(() => {
    if (cursor === null || loading) return;
    setLoading(true);
    getApi()
      .rooms.audit(roomId, cursor, PAGE_SIZE)
      .then(accept, (e: ApiError) => setError(e))
      .finally(() => setLoading(false));
  }, [roomId, cursor, loading, accept]);

  return { entries, hasMore: cursor !== null, loading, error, loadMore };
}

"use client";

import { useEffect, useState } from "react";
import { getApi, type ApiError, type PublicProfile } from "@/lib/api";

const DEBOUNCE_MS = 250;
/** Someone who registered a moment ago reaches the search index shortly after; look again meanwhile. */
const EMPTY_RECHECK_MS = 2000;
const EMPTY_RECHECKS = 5;

/** People whose username or display name starts with `query`, without the caller. */
export function useUserSearch(query: string, limit = 20) {
  const [result, setResult] = useState<{ query: string; users: PublicProfile[]; error: ApiError | null } | null>(null);
  const q = query.trim();

  useEffect(() => {
    if (!q) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const search = (rechecks: number) => {
      const me = getApi().http.getSession().user?.id;
      getApi()
        .users.search(q, limit + 1, controller.signal)
        .then((page) => {
          const users = page.items.filter((u) => u.id !== me).slice(0, limit);
          setResult({ query: q, users, error: null });
          if (users.length === 0 && rechecks > 0) timer = setTimeout(() => search(rechecks - 1), EMPTY_RECHECK_MS);
        })
        .catch((error: ApiError) => {
          if (!controller.signal.aborted) setResult({ query: q, users: [], error });
        });
    };
    timer = setTimeout(() => search(EMPTY_RECHECKS), DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, limit]);

  const current = q && result?.query === q ? result : null;
  return {
    results: current?.users ?? [],
    error: current?.error ?? null,
    status: !q ? "idle" : current ? (current.error ? "error" : "ready") : "loading",
  } as const;
}

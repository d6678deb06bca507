"use client";

import { useCallback, useEffect, useSyncExternalStore } from "react";
import { getApi } from "@/lib/api";
import { presenceBatches } from "@/lib/chat/presence";
import { getPresence } from "@/lib/realtime";
import { useRealtimeStatus } from "./use-realtime";

const subscribe = (listener: () => void) => getPresence().subscribe(listener);
const version = () => getPresence().getVersion();

/**
 * Whether these people are online: asked of `GET /api/presence` when the set changes and whenever the
 * WebSocket (re)connects (frames sent while it was down are lost), then kept current by `presence` frames.
 */
export function usePresence(userIds: readonly string[]) {
  const current = useSyncExternalStore(subscribe, version, () => 0);
  const { status } = useRealtimeStatus();
  const live = status === "live";
  const key = presenceBatches(userIds).map((batch) => batch.join(",")).join(";");

  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    for (const batch of key.split(";")) {
      getApi()
        .presence.of(batch.split(","), controller.signal)
        .then((flags) => getPresence().merge(flags))
        .catch(() => undefined);
    }
    return () => controller.abort();
  }, [key, live]);

  // `current` changes with every presence change, so a component using `online` re-renders then.
  const online = useCallback((userId: string) => (current >= 0 ? getPresence().get(userId) : null), [current]);
  return { online };
}

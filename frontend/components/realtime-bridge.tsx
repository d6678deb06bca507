"use client";

import { useRealtimeSession } from "@/hooks/use-realtime";

/** Keeps the page's WebSocket connected while someone is logged in; shows nothing itself. */
export function RealtimeBridge() {
  const { status } = useRealtimeSession();
  return <span hidden data-testid="realtime-status" data-status={status} />;
}

"use client";

import { useEffect, useSyncExternalStore } from "react";
import type { PersonalFrame } from "@/lib/api";
import { rememberRooms } from "@/lib/chat/known-rooms";
import { getPresence, getRealtime, getRoomSignals, type ConnectionStatus } from "@/lib/realtime";
import { refreshRooms } from "./use-rooms";
import { useSession } from "./use-session";

const ROOM_LIST_CHANGES = new Set(["participant.added", "participant.removed", "room.deleted", "room.renamed"]);

function subscribe(listener: () => void) {
  return getRealtime().onStatus(listener);
}

/** The state of the page's WebSocket connection. */
export function useRealtimeStatus(): { status: ConnectionStatus } {
  const status = useSyncExternalStore(subscribe, () => getRealtime().getStatus(), () => "idle" as const);
  return { status };
}

/**
 * Keeps the WebSocket connected while someone is logged in, and handles their personal frames
 * (`/user/queue/events`): presence goes to the presence store; being added to or removed from a room,
 * or a room being deleted, refreshes the room list at once instead of at its next poll.
 */
export function useRealtimeSession() {
  const { status: session } = useSession();
  const { status } = useRealtimeStatus();
  const loggedIn = session === "authenticated";

  useEffect(() => {
    if (!loggedIn) return;
    const connection = getRealtime();
    const presence = getPresence();
    const unsubscribe = connection.subscribe("/user/queue/events", {
      message: (body) => {
        const frame = body as PersonalFrame;
        if (frame?.type === "presence") presence.apply(frame);
        else if (frame && ROOM_LIST_CHANGES.has(frame.type)) {
          if (frame.type === "participant.added") rememberRooms([frame.roomId]);
          // The open room hears of its end here too: its own subscription is closed with it.
          else if (frame.type === "room.deleted" || frame.type === "participant.removed") getRoomSignals().emit(frame);
          void refreshRooms().catch(() => undefined);
        }
      },
    });
    const nudge = () => connection.nudge();
    const onVisible = () => document.visibilityState === "visible" && connection.nudge();
    window.addEventListener("online", nudge);
    document.addEventListener("visibilitychange", onVisible);
    connection.start();
    return () => {
      window.removeEventListener("online", nudge);
      document.removeEventListener("visibilitychange", onVisible);
      unsubscribe();
      connection.stop();
      presence.clear();
    };
  }, [loggedIn]);

  return { status };
}

"use client";

import { useEffect, useRef } from "react";
import type { RoomFrame } from "@/lib/api";
import { applySummaryFrame, roomsToFollow } from "@/lib/chat/room-summaries";
import { getRealtime } from "@/lib/realtime";
import { notifyOfMessage } from "./use-desktop-notifications";
import { useRealtimeStatus } from "./use-realtime";
import { currentRooms, refreshRooms, scheduleRoomsRefresh, updateRooms, useRooms } from "./use-rooms";

/**
 * At most this many rooms are followed live: a connection may hold 200 subscriptions, and the personal
 * queue and the open conversation need some. Rooms further down the list are refreshed by the slow poll
 * below and whenever a followed room changes the list.
 */
const MAX_FOLLOWED = 150;
/** While the WebSocket is down, the list is read this often instead. */
const FALLBACK_POLL_MS = 15_000;

/**
 * Keeps the room list current from the rooms' own frames: `SUBSCRIBE /topic/rooms/{id}` with `since-seq` for
 * each listed room (one subscription id each, unsubscribed when the room leaves the list), applying every
 * frame to its room's summary at once; desktop notifications come from the same frames. The list is read
 * again when the socket (re)connects, and polled slowly only while it is down.
 */
export function useRoomListLive(me: { id: string; username: string } | null) {
  const { rooms } = useRooms();
  const { status } = useRealtimeStatus();
  const subscriptions = useRef(new Map<string, () => void>());
  const meRef = useRef(me);
  const ids = roomsToFollow(rooms ?? [], MAX_FOLLOWED).sort().join(",");
  const live = status === "live";
  const partial = (rooms?.length ?? 0) > MAX_FOLLOWED;

  useEffect(() => {
    meRef.current = me;
  }, [me]);

  useEffect(() => {
    const wanted = new Set(ids ? ids.split(",") : []);
    const held = subscriptions.current;
    for (const [roomId, unsubscribe] of held) {
      if (!wanted.has(roomId)) {
        unsubscribe();
        held.delete(roomId);
      }
    }
    for (const roomId of wanted) {
      if (held.has(roomId)) continue;
      const unsubscribe = getRealtime().subscribe(`/topic/rooms/${roomId}`, {
        // From the seq the list already reflects: what happened in between (a room just listed, a
        // reconnect) is replayed, so no frame falls between reading the list and following the room.
        headers: (): Record<string, string> => {
          const lastSeq = currentRooms()?.find((r) => r.id === roomId)?.lastSeq;
          return lastSeq === undefined ? {} : { "since-seq": String(lastSeq) };
        },
        message: (body) => {
          const frame = body as RoomFrame;
          if (!frame || typeof frame.seq !== "number" || frame.roomId !== roomId) return;
          const room = currentRooms()?.find((r) => r.id === roomId) ?? null;
          const fresh = room !== null && frame.seq > room.lastSeq;
          updateRooms((list) => {
            const update = applySummaryFrame(list, frame, meRef.current?.id ?? null);
            if (update.refetch) scheduleRoomsRefresh();
            return update.rooms;
          });
          if (fresh && frame.type === "message.posted" && meRef.current) notifyOfMessage(frame.data, room, meRef.current);
        },
        refused: () => {
          held.delete(roomId);
          scheduleRoomsRefresh();
        },
      });
      held.set(roomId, unsubscribe);
    }
  }, [ids]);

  useEffect(() => {
    const held = subscriptions.current;
    return () => {
      for (const unsubscribe of held.values()) unsubscribe();
      held.clear();
    };
  }, []);

  // Frames sent while the socket was down are not replayed to these subscriptions: read the list once
  // it is back, and poll (slowly) only while it is not, or for rooms too far down to be followed.
  const wasLive = useRef(live);
  useEffect(() => {
    if (live && !wasLive.current) void refreshRooms().catch(() => undefined);
    wasLive.current = live;
    if (live && !partial) return;
    const timer = setInterval(() => void refreshRooms().catch(() => undefined), FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [live, partial]);
}

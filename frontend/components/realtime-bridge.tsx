"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import { setNotificationOpener } from "@/hooks/use-desktop-notifications";
import { useRealtimeSession } from "@/hooks/use-realtime";
import { useRoomListLive } from "@/hooks/use-room-list-live";
import { useRooms } from "@/hooks/use-rooms";
import { useSession } from "@/hooks/use-session";
import { useTabTitle } from "@/hooks/use-tab-title";
import { totalUnread } from "@/lib/chat/room-summaries";

/**
 * Keeps the page's WebSocket connected while someone is logged in, the room list current from its
 * rooms' frames, the unread count in the tab title and desktop notifications going; shows nothing itself.
 */
export function RealtimeBridge() {
  const { status } = useRealtimeSession();
  const { user } = useSession();
  const router = useRouter();
  const me = useMemo(() => (user ? { id: user.id, username: user.username } : null), [user]);
  useRoomListLive(me);
  const { rooms } = useRooms();
  useTabTitle(totalUnread(rooms));

  useEffect(() => {
    setNotificationOpener((roomId) => router.push(`/rooms/${roomId}`));
    return () => setNotificationOpener(null);
  }, [router]);

  return <span hidden data-testid="realtime-status" data-status={status} />;
}

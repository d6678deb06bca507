"use client";

import { useCallback, useState } from "react";
import { getApi, type ApiError, type RoomDetails } from "@/lib/api";
import { rememberRooms } from "@/lib/chat/known-rooms";
import { refreshRooms } from "./use-rooms";

/** Starting conversations: a named group with picked people, or the direct chat with one person. */
export function useCreateRoom() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = useCallback(async (create: () => Promise<RoomDetails>): Promise<RoomDetails | null> => {
    setPending(true);
    setError(null);
    try {
      const room = await create();
      rememberRooms([room.id]);
      void refreshRooms().catch(() => undefined);
      return room;
    } catch (e) {
      setError(e as ApiError);
      return null;
    } finally {
      setPending(false);
    }
  }, []);

  const createGroup = useCallback(
    (name: string, participantIds: string[]) =>
      run(() => getApi().rooms.create({ type: "GROUP", name, participantIds })),
    [run],
  );

  /** Answers the existing direct chat when there already is one with this person. */
  const openDirect = useCallback(
    (userId: string) => run(() => getApi().rooms.create({ type: "DIRECT", participantIds: [userId] })),
    [run],
  );

  return { createGroup, openDirect, pending, error };
}

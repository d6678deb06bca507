"use client";

import { useCallback, type Dispatch } from "react";
import { getApi } from "@/lib/api";
import type { RoomAction } from "@/lib/chat/room-state";

/** Managing a room: rename, participants and roles, leaving and deleting. */
export function useRoomAdmin(roomId: string, dispatch: Dispatch<RoomAction>) {
  const rename = useCallback(
    async (name: string) => {
      const room = await getApi().rooms.rename(roomId, name);
      dispatch({ type: "renamed", name: room.name });
    },
    [roomId, dispatch],
  );

  const addParticipant = useCallback(
    async (userId: string, username: string) => {
      const participant = await getApi().rooms.addParticipant(roomId, userId);
      dispatch({ type: "participantChanged", participant: { ...participant, username: participant.username ?? username } });
    },
    [roomId, dispatch],
  );

  const removeParticipant = useCallback(
    async (userId: string) => {
      await getApi().rooms.removeParticipant(roomId, userId);
      dispatch({ type: "participantRemoved", userId });
    },
    [roomId, dispatch],
  );

  const setRole = useCallback(
    async (userId: string, role: "ADMIN" | "MEMBER") => {
      dispatch({ type: "participantChanged", participant: await getApi().rooms.setRole(roomId, userId, role) });
    },
    [roomId, dispatch],
  );

  const leave = useCallback(async () => {
    const me = getApi().http.getSession().user;
    if (me) await getApi().rooms.removeParticipant(roomId, me.id);
  }, [roomId]);

  const deleteRoom = useCallback(() => getApi().rooms.remove(roomId), [roomId]);

  return { rename, addParticipant, removeParticipant, setRole, leave, deleteRoom };
}

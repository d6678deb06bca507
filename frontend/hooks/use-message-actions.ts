"use client";

import { useCallback, type Dispatch } from "react";
import { getApi } from "@/lib/api";
import type { RoomAction } from "@/lib/chat/room-state";

/** Edit, delete and restore, applying the server's answer at once rather than waiting for the frame. */
export function useMessageActions(dispatch: Dispatch<RoomAction>) {
  const edit = useCallback(
    async (messageId: string, content: string) => {
      dispatch({ type: "messageChanged", message: await getApi().messages.edit(messageId, content) });
    },
    [dispatch],
  );

  const remove = useCallback(
    async (messageId: string) => {
      await getApi().messages.remove(messageId);
      dispatch({ type: "messageDeleted", messageId });
    },
    [dispatch],
  );

  const restore = useCallback(
    async (messageId: string) => {
      dispatch({ type: "messageChanged", message: await getApi().messages.restore(messageId) });
    },
    [dispatch],
  );

  return { edit, remove, restore };
}

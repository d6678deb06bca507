"use client";

import { useCallback, useState } from "react";
import { DraftStore } from "@/lib/chat/drafts";

let current: { userId: string; store: DraftStore } | null = null;

function draftsFor(userId: string): DraftStore {
  if (current?.userId !== userId) {
    current = { userId, store: new DraftStore(typeof window === "undefined" ? null : window.localStorage, `eventchat.drafts.${userId}`) };
  }
  return current.store;
}

/** Forgets the drafts of whoever logs out on this device. */
export function forgetDrafts(userId: string): void {
  if (current?.userId === userId) current = null;
  window.localStorage.removeItem(`eventchat.drafts.${userId}`);
}

/** The unsent text of one room: kept per room, across switching rooms and reloads. */
export function useDraft(roomId: string, userId: string) {
  const [initial] = useState(() => (userId ? draftsFor(userId).get(roomId) : ""));
  const save = useCallback((text: string) => {
    if (userId) draftsFor(userId).set(roomId, text);
  }, [roomId, userId]);
  return { initial, save };
}

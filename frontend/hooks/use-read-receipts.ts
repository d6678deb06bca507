"use client";

import { useEffect, useRef } from "react";
import { getApi } from "@/lib/api";
import { markSummaryRead } from "@/lib/chat/room-summaries";
import { updateRooms } from "./use-rooms";

const SETTLE_MS = 300;

/**
 * Tells the server what this person has actually seen: POST /read with the seq of the newest message
 * that has been on screen (`seenSeq`) while the tab is in front, once scrolling settles. Receipt frames
 * carry seqs of their own, so only message seqs are sent, each at most once and only forward.
 */
export function useReadReceipts(roomId: string, seenSeq: number, alreadyRead: number, active: boolean) {
  const sent = useRef(0);

  useEffect(() => {
    if (!active || seenSeq <= 0) return;
    const post = () => {
      if (document.visibilityState !== "visible") return;
      const upTo = seenSeq;
      if (upTo <= Math.max(sent.current, alreadyRead)) return;
      sent.current = upTo;
      updateRooms((rooms) => markSummaryRead(rooms, roomId, upTo));
      getApi()
        .rooms.markRead(roomId, upTo)
        .catch(() => {
          if (sent.current === upTo) sent.current = 0;
        });
    };
    const timer = setTimeout(post, SETTLE_MS);
    document.addEventListener("visibilitychange", post);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", post);
    };
  }, [roomId, seenSeq, alreadyRead, active]);

  return { lastSent: sent };
}

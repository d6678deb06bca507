"use client";

import { useEffect, useRef } from "react";
import { getApi } from "@/lib/api";

/**
 * Tells the server what this person has read: POST /read with the newest message's seq whenever that
 * message is on screen (`visible`) and the tab is in front. Receipt frames carry seqs of their own,
 * so only message seqs are sent, and each at most once, or receipts would chase each other.
 */
export function useReadReceipts(roomId: string, newestSeq: number, alreadyRead: number, visible: boolean) {
  const sent = useRef(0);

  useEffect(() => {
    if (!visible || newestSeq <= 0) return;
    const post = () => {
      if (document.visibilityState !== "visible") return;
      const upTo = newestSeq;
      if (upTo <= Math.max(sent.current, alreadyRead)) return;
      sent.current = upTo;
      getApi()
        .rooms.markRead(roomId, upTo)
        .catch(() => {
          if (sent.current === upTo) sent.current = 0;
        });
    };
    post();
    document.addEventListener("visibilitychange", post);
    return () => document.removeEventListener("visibilitychange", post);
  }, [roomId, newestSeq, alreadyRead, visible]);

  return { lastSent: sent };
}

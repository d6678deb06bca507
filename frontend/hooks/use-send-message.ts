"use client";

import { useCallback, useReducer, useRef } from "react";
import { getApi, type ApiError, type Attachment, type Message } from "@/lib/api";
import { newClientMessageId, outboxReducer, type OutgoingMessage } from "@/lib/chat/outbox";
import { describeError } from "@/lib/errors";

const AUTO_RETRIES = 2;

/**
 * Optimistic sending: a message shows at once as pending, is posted with a clientMessageId that
 * stays the same across retries (the server answers a repeat with the original message), and on
 * failure stays in place with a Retry action.
 */
export function useSendMessage(roomId: string, onSent: (message: Message) => void) {
  const [outbox, dispatch] = useReducer(outboxReducer, []);
  const entries = useRef(new Map<string, OutgoingMessage>());

  const deliver = useCallback(
    async (entry: OutgoingMessage) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const message = await getApi().messages.post(entry.roomId, {
            content: entry.content,
            clientMessageId: entry.clientMessageId,
            ...(entry.replyToMessageId ? { replyToMessageId: entry.replyToMessageId } : {}),
            ...(entry.attachments.length > 0 ? { attachmentIds: entry.attachments.map((a) => a.id) } : {}),
          });
          onSent(message);
          entries.current.delete(entry.clientMessageId);
          dispatch({ type: "confirmed", clientMessageId: entry.clientMessageId });
          return;
        } catch (error) {
          const apiError = error as ApiError;
          const transient = typeof apiError.transient === "boolean" ? apiError.transient : true;
          if (transient && attempt < AUTO_RETRIES) {
            const wait = (apiError.retryAfterSeconds ?? 0) * 1000 || 800 * 2 ** attempt;
            await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 5000)));
            continue;
          }
          dispatch({ type: "failed", clientMessageId: entry.clientMessageId, error: describeError(error) });
          return;
        }
      }
    },
    [onSent],
  );

  const send = useCallback(
    (content: string, replyToMessageId: string | null = null, attachments: Attachment[] = []) => {
      const entry: OutgoingMessage = {
        clientMessageId: newClientMessageId(),
        roomId,
        content,
        replyToMessageId,
        attachments,
        status: "sending",
        error: null,
        queuedAt: new Date().toISOString(),
      };
      entries.current.set(entry.clientMessageId, entry);
      dispatch({ type: "queued", message: entry });
      void deliver(entry);
    },
    [roomId, deliver],
  );

  const retry = useCallback(
    (clientMessageId: string) => {
      const entry = entries.current.get(clientMessageId);
      if (!entry) return;
      dispatch({ type: "retrying", clientMessageId });
      void deliver(entry);
    },
    [deliver],
  );

  const discard = useCallback((clientMessageId: string) => {
    entries.current.delete(clientMessageId);
    dispatch({ type: "discarded", clientMessageId });
  }, []);

  return { outbox, send, retry, discard };
}

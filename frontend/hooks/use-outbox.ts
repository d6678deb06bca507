"use client";

import { useEffect, useMemo, useSyncExternalStore } from "react";
import { ApiError, getApi, type Attachment, type Message } from "@/lib/api";
import type { OutgoingMessage } from "@/lib/chat/outbox";
import { SendQueue } from "@/lib/chat/send-queue";
import { describeError } from "@/lib/errors";
import { getRealtime } from "@/lib/realtime";

const EMPTY: OutgoingMessage[] = [];
let current: { userId: string; queue: SendQueue } | null = null;

function post(entry: OutgoingMessage): Promise<Message> {
  return getApi().messages.post(entry.roomId, {
    content: entry.content,
    clientMessageId: entry.clientMessageId,
    ...(entry.replyToMessageId ? { replyToMessageId: entry.replyToMessageId } : {}),
    ...(entry.attachments.length > 0 ? { attachmentIds: entry.attachments.map((a) => a.id) } : {}),
  });
}

/** The logged-in person's send queue: one per page, kept in localStorage, resumed when the connection is back. */
export function sendQueueFor(userId: string): SendQueue {
  if (current?.userId === userId) return current.queue;
  const queue = new SendQueue({
    post,
    transient: (error) => !(error instanceof ApiError) || error.transient,
    describe: describeError,
    backoffMs: (error, attempt) => Math.min(5000, ((error instanceof ApiError && error.retryAfterSeconds) || 0) * 1000 || 800 * 2 ** attempt),
    storage: typeof window === "undefined" ? null : window.localStorage,
    storageKey: `eventchat.outbox.${userId}`,
  });
  current = { userId, queue };
  if (typeof window !== "undefined") {
    let wasLive = getRealtime().getStatus() === "live";
    window.addEventListener("online", () => queue.resume());
    getRealtime().onStatus((status) => {
      if (status === "live" && !wasLive) queue.resume();
      wasLive = status === "live";
    });
    queue.resume();
  }
  return queue;
}

/** Forgets the unsent messages of whoever logs out on this device. */
export function forgetOutbox(userId: string): void {
  if (current?.userId === userId) current.queue.clear();
  if (current?.userId === userId) current = null;
  window.localStorage.removeItem(`eventchat.outbox.${userId}`);
}

/**
 * A room's messages on their way: `send` queues one (posted in the order typed, one at a time), a failed
 * one stays with `retry` and `discard` even after switching rooms, `onSent` sees each confirmed message.
 */
export function useOutbox(roomId: string, userId: string, onSent: (message: Message) => void) {
  const queue = useMemo(() => (userId ? sendQueueFor(userId) : null), [userId]);
  const all = useSyncExternalStore(
    queue?.subscribe ?? (() => () => undefined),
    queue?.getSnapshot ?? (() => EMPTY),
    () => EMPTY,
  );
  const outbox = useMemo(() => all.filter((m) => m.roomId === roomId), [all, roomId]);

  useEffect(() => {
    if (!queue) return;
    return queue.onSent((message) => {
      if (message.roomId === roomId) onSent(message);
    });
  }, [queue, roomId, onSent]);

  return {
    outbox,
    send: (content: string, replyToMessageId: string | null = null, attachments: Attachment[] = []) =>
      queue?.send(roomId, content, replyToMessageId, attachments),
    retry: (clientMessageId: string) => queue?.retry(clientMessageId),
    discard: (clientMessageId: string) => queue?.discard(clientMessageId),
  };
}

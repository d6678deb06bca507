"use client";

import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Message, Participant } from "@/lib/api";
import type { OutgoingMessage } from "@/lib/chat/outbox";
import { readStateOf } from "@/lib/chat/room-state";
import { describeError } from "@/lib/errors";
import { formatDay, sameDay } from "@/lib/format";
import type { Quote } from "@/hooks/use-quoted-messages";
import { MessageItem, type MessageHandlers } from "./message-item";
import { EmptyState } from "./notice";
import { PendingMessage } from "./pending-message";

const NEAR_BOTTOM_PX = 80;

export function MessageList({
  messages,
  pending,
  participants,
  me,
  isGroup,
  hasOlder,
  loadingOlder,
  olderError,
  loadOlder,
  quoteOf,
  handlers,
  onRetry,
  onDiscard,
  onNewestVisible,
}: {
  messages: Message[];
  pending: OutgoingMessage[];
  participants: Participant[];
  me: string;
  isGroup: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  olderError: unknown;
  loadOlder: () => void;
  quoteOf: (id: string) => Quote;
  handlers: MessageHandlers;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
  onNewestVisible: (visible: boolean) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const anchor = useRef<{ firstId: string | undefined; height: number; top: number } | null>(null);
  const [showJump, setShowJump] = useState(false);

  const remember = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    anchor.current = { firstId: anchor.current?.firstId, height: el.scrollHeight, top: el.scrollTop };
    setShowJump(!stick.current);
  }, []);

  // Keep the view steady: older pages load above without moving what is on screen, and new
  // messages scroll into view only for someone already reading at the bottom (or who just sent).
  const firstId = messages[0]?.id;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const previous = anchor.current;
    if (previous && previous.firstId !== undefined && previous.firstId !== firstId) {
      el.scrollTop = el.scrollHeight - previous.height + previous.top;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
    anchor.current = { firstId, height: el.scrollHeight, top: el.scrollTop };
  }, [firstId, messages, pending.length]);

  useEffect(() => {
    if (pending.length > 0) {
      stick.current = true;
      const el = scroller.current;
      if (el) el.scrollTop = el.scrollHeight;
    }
  }, [pending.length]);

  useEffect(() => {
    const root = scroller.current;
    const sentinel = top.current;
    if (!root || !sentinel || !hasOlder) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !loadingOlder && !olderError) loadOlder();
    }, { root, rootMargin: "300px 0px 0px 0px" });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasOlder, loadingOlder, olderError, loadOlder]);

  useEffect(() => {
    const root = scroller.current;
    const sentinel = bottom.current;
    if (!root || !sentinel) return;
    const observer = new IntersectionObserver((entries) => onNewestVisible(entries.some((e) => e.isIntersecting)), {
      root,
      rootMargin: `0px 0px ${NEAR_BOTTOM_PX}px 0px`,
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [onNewestVisible]);

  const jumpToLatest = () => {
    const el = scroller.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: "smooth" });
  };

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        onScroll={remember}
        className="h-full overflow-y-auto overscroll-contain bg-slate-50 px-3 py-4 sm:px-6"
        data-testid="message-list"
        role="log"
        aria-label="Messages"
        aria-live="polite"
        aria-relevant="additions"
      >
        <div ref={top} aria-hidden className="h-px" />
        {hasOlder ? (
          <div className="flex justify-center py-2 text-xs text-slate-500">
            {olderError ? (
              <button type="button" onClick={loadOlder} className="text-rose-600 hover:underline">
                {describeError(olderError)} Tap to retry.
              </button>
            ) : (
              <button type="button" onClick={loadOlder} disabled={loadingOlder} className="hover:underline" data-testid="load-older">
                {loadingOlder ? "Loading earlier messages…" : "Load earlier messages"}
              </button>
            )}
          </div>
        ) : messages.length > 0 ? (
          <p className="py-2 text-center text-xs text-slate-400" data-testid="history-start">
            This is the beginning of the conversation.
          </p>
        ) : null}
        {messages.length === 0 && pending.length === 0 ? (
          <EmptyState title="No messages yet">
            <p className="text-sm">Say hello — your message starts the conversation.</p>
          </EmptyState>
        ) : null}
        <ol className="flex flex-col gap-1.5">
          {messages.map((message, index) => {
            const previous = messages[index - 1];
            const newDay = !previous || !sameDay(previous.createdAt, message.createdAt);
            const mine = message.senderId === me;
            return (
              <Fragment key={message.id}>
                {newDay ? (
                  <li className="sticky top-0 z-10 flex justify-center py-2" aria-hidden={false}>
                    <span className="rounded-full bg-white/90 px-3 py-0.5 text-xs font-medium text-slate-500 shadow-sm ring-1 ring-slate-200">
                      {formatDay(message.createdAt)}
                    </span>
                  </li>
                ) : null}
                <MessageItem
                  message={message}
                  mine={mine}
                  showSender={isGroup && (newDay || previous?.senderId !== message.senderId)}
                  read={mine ? readStateOf(message, participants, me) : null}
                  quote={message.replyToMessageId ? quoteOf(message.replyToMessageId) : null}
                  handlers={handlers}
                />
              </Fragment>
            );
          })}
          {pending.map((entry) => (
            <PendingMessage
              key={entry.clientMessageId}
              entry={entry}
              quote={entry.replyToMessageId ? quoteOf(entry.replyToMessageId) : null}
              onRetry={onRetry}
              onDiscard={onDiscard}
            />
          ))}
        </ol>
        <div ref={bottom} aria-hidden className="h-px" />
      </div>
      {showJump ? (
        <button
          type="button"
          onClick={jumpToLatest}
          className="absolute right-4 bottom-4 rounded-full bg-white px-3 py-1.5 text-sm font-medium text-indigo-700 shadow-lg ring-1 ring-slate-200"
          data-testid="jump-latest"
        >
          ↓ Latest
        </button>
      ) : null}
    </div>
  );
}

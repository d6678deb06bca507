"use client";

import { Fragment, useCallback, useMemo, useState } from "react";
import type { Message, Participant } from "@/lib/api";
import type { OutgoingMessage } from "@/lib/chat/outbox";
import { unseenCount } from "@/lib/chat/reading";
import { readStateOf } from "@/lib/chat/room-state";
import { describeError } from "@/lib/errors";
import { formatDay, sameDay } from "@/lib/format";
import type { Quote } from "@/hooks/use-quoted-messages";
import { useRovingFocus } from "@/hooks/use-roving-focus";
import { useLoadOlderOnTop, useTimelineScroll } from "@/hooks/use-timeline-scroll";
import { MessageItem, type MessageHandlers } from "./message-item";
import { EmptyState } from "./notice";
import { PendingMessage } from "./pending-message";

function UnreadDivider() {
  return (
    <li role="separator" aria-label="New messages" data-testid="unread-divider" className="my-2 flex items-center gap-3 text-xs font-semibold text-rose-700">
      <span className="h-px flex-1 bg-rose-300" aria-hidden />
      New messages
      <span className="h-px flex-1 bg-rose-300" aria-hidden />
    </li>
  );
}

export function MessageList({
  messages,
  pending,
  participants,
  me,
  isGroup,
  firstUnread,
  seenSeq,
  hasOlder,
  loadingOlder,
  olderError,
  loadOlder,
  quoteOf,
  handlers,
  onRetry,
  onDiscard,
  onSeen,
}: {
  messages: Message[];
  pending: OutgoingMessage[];
  participants: Participant[];
  me: string;
  isGroup: boolean;
  /** Seq of the first message unread when the room was opened: the "new messages" line goes above it. */
  firstUnread: number | null;
  /** The newest message seen so far. */
  seenSeq: number;
  hasOlder: boolean;
  loadingOlder: boolean;
  olderError: unknown;
  loadOlder: () => void;
  quoteOf: (id: string) => Quote;
  handlers: MessageHandlers;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
  onSeen: (seq: number) => void;
}) {
  const hasDivider = firstUnread !== null && messages.some((m) => m.seq === firstUnread);
  const { scroller, content, onScroll, atBottom, jumpToLatest } = useTimelineScroll({
    messages,
    pendingCount: pending.length,
    hasDivider,
    onSeen,
  });
  const top = useLoadOlderOnTop(scroller, hasOlder && !loadingOlder && !olderError, loadOlder);
  const ids = useMemo(() => messages.map((m) => m.id), [messages]);
  const roving = useRovingFocus(ids);
  const [selected, setSelected] = useState<string | null>(null);
  const select = useCallback((id: string) => setSelected((current) => (current === id ? null : id)), []);
  const unseen = unseenCount(messages, seenSeq, me);

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        onScroll={onScroll}
        id="messages"
        tabIndex={-1}
        className={`relative h-full overflow-y-auto overscroll-contain bg-slate-50 px-3 py-4 outline-none sm:px-6 ${atBottom ? "[overflow-anchor:none]" : ""}`}
        data-testid="message-list"
        role="log"
        aria-label="Messages"
        aria-live="polite"
        aria-relevant="additions"
      >
        <div ref={content}>
          <div ref={top} aria-hidden className="h-px" />
          {hasOlder ? (
            <div className="flex justify-center py-2 text-xs text-slate-500">
              {olderError ? (
                <button type="button" onClick={loadOlder} className="text-rose-700 hover:underline">
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
          <ol className="flex flex-col gap-1.5" onKeyDown={roving.onKeyDown} onFocus={roving.onFocus} aria-label="Conversation">
            {messages.map((message, index) => {
              const previous = messages[index - 1];
              const newDay = !previous || !sameDay(previous.createdAt, message.createdAt);
              const mine = message.senderId === me;
              return (
                <Fragment key={message.id}>
                  {newDay ? (
                    <li className="sticky top-0 z-10 flex justify-center py-2">
                      <span className="rounded-full bg-surface/90 px-3 py-0.5 text-xs font-medium text-slate-500 shadow-sm ring-1 ring-slate-200">
                        {formatDay(message.createdAt)}
                      </span>
                    </li>
                  ) : null}
                  {hasDivider && message.seq === firstUnread ? <UnreadDivider /> : null}
                  <MessageItem
                    message={message}
                    mine={mine}
                    showSender={isGroup && (newDay || previous?.senderId !== message.senderId)}
                    read={mine ? readStateOf(message, participants, me) : null}
                    quote={message.replyToMessageId ? quoteOf(message.replyToMessageId) : null}
                    handlers={handlers}
                    focusable={roving.activeId === message.id}
                    selected={selected === message.id}
                    onSelect={select}
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
        </div>
      </div>
      {!atBottom ? (
        <button
          type="button"
          onClick={jumpToLatest}
          className="absolute right-4 bottom-4 rounded-full bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-lg"
          data-testid={unseen > 0 ? "new-messages-pill" : "jump-latest"}
        >
          {unseen > 0 ? `↓ ${unseen} new message${unseen === 1 ? "" : "s"}` : "↓ Latest"}
        </button>
      ) : null}
    </div>
  );
}

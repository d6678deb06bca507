"use client";

import { memo, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import type { Message } from "@/lib/api";
import type { Quote } from "@/hooks/use-quoted-messages";
import type { ReadState } from "@/lib/chat/room-state";
import { formatTime } from "@/lib/format";
import { describeError } from "@/lib/errors";
import { MessageAttachments } from "./message-attachments";
import { MessageQuote } from "./message-quote";
import { MessageText } from "./message-text";

export interface MessageHandlers {
  onReply: (message: Message) => void;
  onEdit: (message: Message, content: string) => Promise<void>;
  onDelete: (message: Message) => void;
  onRestore: (message: Message) => Promise<void>;
  onJump: (messageId: string) => void;
}

function Ticks({ read }: { read: ReadState }) {
  const label = read.kind === "sent" ? "Sent" : read.everyone ? "Read" : `Read by ${read.by.join(", ")}`;
  return (
    <span
      title={read.kind === "read" ? `Read by ${read.by.join(", ")}` : "Sent"}
      aria-label={label}
      data-testid="message-ticks"
      data-read={read.kind === "read" ? (read.everyone ? "all" : "some") : "none"}
      className={read.kind === "read" && read.everyone ? "text-cyan-200" : "text-white/60"}
    >
      <svg viewBox="0 0 20 12" className="inline size-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
        <path d="M1.5 6.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
        {read.kind === "read" ? <path d="M8.5 9.5l6-7" strokeLinecap="round" strokeLinejoin="round" /> : null}
      </svg>
    </span>
  );
}

function Action({ label, onClick, testId, focusable, children }: { label: string; onClick: () => void; testId: string; focusable: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      tabIndex={focusable ? 0 : -1}
      aria-label={label}
      title={label}
      data-testid={testId}
      className="rounded-md p-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900 pointer-coarse:p-2.5"
    >
      <svg viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
        {children}
      </svg>
    </button>
  );
}

function MessageItemView({
  message,
  mine,
  showSender,
  read,
  quote,
  handlers,
  focusable = true,
  selected = false,
  onSelect,
}: {
  message: Message;
  mine: boolean;
  showSender: boolean;
  read: ReadState | null;
  quote: Quote | null;
  handlers: MessageHandlers;
  /** The message that is the list's one tab stop (roving focus): only its controls are in the tab order. */
  focusable?: boolean;
  /** Tapped on a touch screen: its actions show. */
  selected?: boolean;
  onSelect?: (messageId: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const startEdit = () => {
    setDraft(message.content ?? "");
    setError(null);
    setEditing(true);
  };

  const save = async () => {
    const content = draft.trim();
    if (!content || content === message.content) return setEditing(false);
    setBusy(true);
    try {
      await handlers.onEdit(message, content);
      setEditing(false);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const restore = async () => {
    setError(null);
    try {
      await handlers.onRestore(message);
    } catch (e) {
      setError(describeError(e));
    }
  };

  const onEditKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") setEditing(false);
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    }
  };

  // On touch screens there is no hover: a tap on the message shows its actions (and a second tap hides them).
  const onTap = (event: MouseEvent<HTMLLIElement>) => {
    if (!onSelect || !window.matchMedia("(pointer: coarse)").matches) return;
    if ((event.target as HTMLElement).closest("a, button, textarea, input")) return;
    onSelect(message.id);
  };
  const tab = focusable ? 0 : -1;
  const actions = selected
    ? "flex opacity-100"
    : "flex opacity-0 transition-opacity group-hover:opacity-100 group-focus-within:opacity-100 pointer-coarse:hidden";

  const bubble = mine ? "bg-indigo-600 text-white rounded-br-md" : "bg-surface text-slate-900 ring-1 ring-slate-200 rounded-bl-md";
  return (
    <li
      id={`message-${message.id}`}
      data-testid="message"
      data-message-id={message.id}
      data-seq={message.seq}
      data-mine={mine}
      data-deleted={message.deleted}
      data-status={read ? (read.kind === "read" ? "read" : "sent") : "sent"}
      data-roving-id={message.id}
      data-selected={selected || undefined}
      tabIndex={tab}
      onClick={onTap}
      className={`group flex scroll-mt-24 rounded-lg ${mine ? "justify-end" : "justify-start"}`}
    >
      <div className={`flex max-w-[85%] items-end gap-1 sm:max-w-[70%] ${mine ? "flex-row-reverse" : ""}`}>
        <div className={`min-w-0 rounded-2xl px-3 py-1.5 shadow-sm ${message.deleted ? "bg-transparent text-slate-500 shadow-none ring-1 ring-slate-300 ring-dashed" : bubble}`}>
          {showSender && !mine ? <p className="text-xs font-semibold text-indigo-700">{message.senderUsername}</p> : null}
          {quote && !message.deleted ? <MessageQuote quote={quote} mine={mine} onJump={handlers.onJump} tabIndex={tab} /> : null}
          {message.deleted ? (
            <p className="text-sm italic" data-testid="message-deleted">
              {mine ? "You deleted this message" : "This message was deleted"}
            </p>
          ) : editing ? (
            <div className="flex min-w-56 flex-col gap-1.5">
              <label className="sr-only" htmlFor={`edit-${message.id}`}>
                Edit message
              </label>
              <textarea
                id={`edit-${message.id}`}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                onKeyDown={onEditKey}
                autoFocus
                rows={Math.min(6, Math.max(1, draft.split("\n").length))}
                maxLength={4000}
                data-testid="edit-input"
                className="w-full resize-none rounded-lg bg-surface px-2 py-1 text-base text-slate-900 outline-none ring-2 ring-indigo-300 sm:text-sm"
              />
              <div className="flex justify-end gap-2 text-xs">
                <button type="button" onClick={() => setEditing(false)} className="rounded px-2 py-1 hover:underline" data-testid="edit-cancel">
                  Cancel
                </button>
                <button type="button" onClick={save} disabled={busy} className="rounded bg-surface px-2 py-1 font-semibold text-indigo-700" data-testid="edit-save">
                  {busy ? "Saving…" : "Save"}
                </button>
              </div>
            </div>
          ) : (
            <MessageText text={message.content ?? "…"} className="text-[15px] leading-snug sm:text-sm" tabIndex={tab} />
          )}
          {message.attachments?.length && !message.deleted && !editing ? <MessageAttachments attachments={message.attachments} mine={mine} tabIndex={tab} /> : null}
          <p className={`mt-0.5 flex items-center justify-end gap-1 text-[11px] ${mine && !message.deleted ? "text-white/75" : "text-slate-400"}`}>
            {message.editedAt && !message.deleted ? <span data-testid="message-edited">edited</span> : null}
            <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
            {read && !message.deleted ? <Ticks read={read} /> : null}
          </p>
          {error ? <p role="alert" className="mt-1 rounded bg-rose-50 px-2 py-0.5 text-xs text-rose-700">{error}</p> : null}
        </div>
        {!editing ? (
          <div className={`shrink-0 ${actions}`} data-testid="message-actions">
            {message.deleted ? (
              mine ? (
                <Action label="Restore message" onClick={restore} testId="message-restore" focusable={focusable}>
                  <path d="M4 10a6 6 0 106-6H6M6 1.5L3.5 4 6 6.5" strokeLinecap="round" strokeLinejoin="round" />
                </Action>
              ) : null
            ) : (
              <>
                <Action label="Reply" onClick={() => handlers.onReply(message)} testId="message-reply" focusable={focusable}>
                  <path d="M8 5L3 10l5 5M3.5 10H12a5 5 0 015 5v1" strokeLinecap="round" strokeLinejoin="round" />
                </Action>
                {mine ? (
                  <>
                    <Action label="Edit message" onClick={startEdit} testId="message-edit" focusable={focusable}>
                      <path d="M13.5 3.5l3 3L7 16H4v-3l9.5-9.5z" strokeLinejoin="round" />
                    </Action>
                    <Action label="Delete message" onClick={() => handlers.onDelete(message)} testId="message-delete" focusable={focusable}>
                      <path d="M4 6h12M8 6V4h4v2M6 6l1 10h6l1-10" strokeLinecap="round" strokeLinejoin="round" />
                    </Action>
                  </>
                ) : null}
              </>
            )}
          </div>
        ) : null}
      </div>
    </li>
  );
}

type Props = Parameters<typeof MessageItemView>[0];

const sameRead = (a: ReadState | null, b: ReadState | null) =>
  a === b || (a !== null && b !== null && a.kind === b.kind && (a.kind === "sent" || (b.kind === "read" && a.everyone === b.everyone && a.by.join() === b.by.join())));
const sameQuote = (a: Quote | null, b: Quote | null) =>
  a === b || (a !== null && b !== null && a.status === b.status && (a.status !== "ready" || (b.status === "ready" && a.message === b.message)));

/** A message re-renders only when what it shows changes, not whenever the conversation around it does. */
export const MessageItem = memo(MessageItemView, (a: Props, b: Props) =>
  a.message === b.message && a.mine === b.mine && a.showSender === b.showSender && a.focusable === b.focusable &&
  a.selected === b.selected && a.handlers === b.handlers && a.onSelect === b.onSelect && sameRead(a.read, b.read) && sameQuote(a.quote, b.quote),
);

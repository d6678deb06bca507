"use client";

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { Attachment, Message } from "@/lib/api";
import { useUploads } from "@/hooks/use-uploads";
import { contentFor } from "@/lib/chat/uploads";
import { AttachmentChips } from "./attachment-chips";

const MAX_LENGTH = 4000;
/** What the file picker offers; the server decides from the bytes either way. */
const ACCEPT = "image/jpeg,image/png,image/gif,image/webp,application/pdf,.doc,.docx,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Writing a message: Enter sends, Shift+Enter adds a line, Escape drops the reply being written. */
export function Composer({
  onSend,
  replyTo,
  onCancelReply,
  onTyping,
  onStopTyping,
  disabled,
  initialText = "",
  onDraftChange,
}: {
  onSend: (content: string, attachments: Attachment[]) => void;
  replyTo: Message | null;
  onCancelReply: () => void;
  /** Every edit that leaves text in the box (the caller throttles what it tells others). */
  onTyping?: () => void;
  /** The draft was sent or cleared. */
  onStopTyping?: () => void;
  disabled?: boolean;
  /** The draft this room had (kept per room across switching rooms and reloads). */
  initialText?: string;
  onDraftChange?: (text: string) => void;
}) {
  const [text, setText] = useState(initialText);
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const files = useUploads();

  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  const content = contentFor(text, files.attachments);
  const tooLong = content.length > MAX_LENGTH;
  const canSend = Boolean(content) && !tooLong && !disabled && !files.uploading;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!canSend) return;
    onSend(content, files.attachments);
    onStopTyping?.();
    files.clear();
    setText("");
    onDraftChange?.("");
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
    if (event.key === "Escape" && replyTo) onCancelReply();
  };

  return (
    <form onSubmit={submit} className="border-t border-slate-200 bg-surface px-3 pt-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] sm:px-4">
      {replyTo ? (
        <div className="mb-2 flex items-start gap-2 rounded-lg border-l-4 border-indigo-500 bg-indigo-50 px-3 py-1.5" data-testid="reply-preview">
          <div className="min-w-0 flex-1 text-xs">
            <p className="font-semibold text-indigo-700">Replying to {replyTo.senderUsername}</p>
            <p className="truncate text-slate-600">{replyTo.content}</p>
          </div>
          <button type="button" onClick={onCancelReply} aria-label="Cancel reply" className="rounded p-0.5 text-slate-500 hover:bg-indigo-100" data-testid="reply-cancel">
            ✕
          </button>
        </div>
      ) : null}
      <AttachmentChips uploads={files.uploads} onRemove={files.remove} />
      <div className="flex items-end gap-2">
        <input
          ref={picker}
          type="file"
          multiple
          accept={ACCEPT}
          className="hidden"
          data-testid="composer-file"
          onChange={(e) => {
            files.add(Array.from(e.target.files ?? []));
            e.target.value = "";
          }}
        />
        <button
          type="button"
          onClick={() => picker.current?.click()}
          disabled={disabled}
          aria-label="Attach files"
          title="Attach files"
          data-testid="composer-attach"
          className="inline-flex size-10 shrink-0 items-center justify-center rounded-full text-slate-500 hover:bg-slate-100 hover:text-slate-800 disabled:opacity-50"
        >
          <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
            <path d="M15.5 9.5l-5.8 5.8a3.5 3.5 0 01-5-5l6.3-6.3a2.3 2.3 0 013.3 3.3l-6.2 6.2a1.2 1.2 0 01-1.7-1.7l5.6-5.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
        <label htmlFor="composer" className="sr-only">
          Message
        </label>
        <textarea
          id="composer"
          ref={input}
          value={text}
          rows={1}
          placeholder="Write a message"
          onChange={(e) => {
            setText(e.target.value);
            onDraftChange?.(e.target.value);
            if (e.target.value.trim()) onTyping?.();
            else onStopTyping?.();
          }}
          onKeyDown={onKeyDown}
          disabled={disabled}
          aria-invalid={tooLong || undefined}
          data-testid="composer-input"
          className="max-h-40 min-h-10 flex-1 resize-none rounded-2xl border border-slate-300 bg-slate-50 px-4 py-2 text-base outline-none focus:border-indigo-500 focus:bg-surface focus:ring-2 focus:ring-indigo-200 disabled:opacity-60 sm:text-sm"
        />
        <button
          type="submit"
          disabled={!canSend}
          aria-label="Send message"
          data-testid="composer-send"
          className="inline-flex size-10 shrink-0 items-center justify-center rounded-full bg-indigo-600 text-white transition hover:bg-indigo-500 disabled:bg-slate-300"
        >
          <svg viewBox="0 0 20 20" className="size-5" fill="currentColor" aria-hidden>
            <path d="M2.5 2.8l15 7.2-15 7.2 2.2-7.2-2.2-7.2zm2.2 7.2h6" />
          </svg>
        </button>
      </div>
      {content.length > MAX_LENGTH - 200 ? (
        <p className={`mt-1 text-right text-xs ${tooLong ? "text-rose-700" : "text-slate-500"}`} aria-live="polite">
          {content.length}/{MAX_LENGTH}
        </p>
      ) : null}
    </form>
  );
}

import type { OutgoingMessage } from "@/lib/chat/outbox";
import type { Quote } from "@/hooks/use-quoted-messages";
import { MessageQuote } from "./message-quote";
import { MessageText } from "./message-text";

/** A message on its way: shown at once, marked as sending, with Retry and Discard if it failed. */
export function PendingMessage({
  entry,
  quote,
  onRetry,
  onDiscard,
}: {
  entry: OutgoingMessage;
  quote: Quote | null;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
}) {
  const failed = entry.status === "failed";
  return (
    <li data-testid="message" data-mine="true" data-status={failed ? "failed" : "pending"} className="flex justify-end">
      <div className="flex max-w-[85%] flex-col items-end sm:max-w-[70%]">
        <div className={`rounded-2xl rounded-br-md px-3 py-1.5 text-white shadow-sm ${failed ? "bg-rose-500" : "bg-indigo-400"}`}>
          {quote ? <MessageQuote quote={quote} mine /> : null}
          <MessageText text={entry.content} className="text-[15px] leading-snug sm:text-sm" />
          {entry.attachments.length > 0 ? (
            <p className="text-xs text-white/90" data-testid="pending-attachments">
              {entry.attachments.length} file{entry.attachments.length === 1 ? "" : "s"} attached
            </p>
          ) : null}
          <p className="mt-0.5 text-right text-[11px] text-white/80">{failed ? "Not sent" : "Sending…"}</p>
        </div>
        {failed ? (
          <div className="mt-1 flex items-center gap-2 text-xs" role="alert">
            <span className="text-rose-700">{entry.error}</span>
            <button type="button" onClick={() => onRetry(entry.clientMessageId)} className="font-semibold text-indigo-700 hover:underline" data-testid="message-retry">
              Retry
            </button>
            <button type="button" onClick={() => onDiscard(entry.clientMessageId)} className="text-slate-500 hover:underline" data-testid="message-discard">
              Discard
            </button>
          </div>
        ) : null}
      </div>
    </li>
  );
}

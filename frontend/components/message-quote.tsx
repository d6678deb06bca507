import type { Quote } from "@/hooks/use-quoted-messages";

/** The quoted original above a reply; clicking it jumps to the original when it is loaded. */
export function MessageQuote({ quote, mine, onJump, tabIndex }: { quote: Quote; mine: boolean; onJump?: (id: string) => void; tabIndex?: number }) {
  const text =
    quote.status === "loading"
      ? "Loading…"
      : quote.status === "missing"
        ? "Original message unavailable"
        : quote.message.deleted
          ? "Message deleted"
          : (quote.message.content ?? "");
  const author = quote.status === "ready" ? quote.message.senderUsername : null;
  const original = quote.status === "ready" ? quote.message : null;
  return (
    <button
      type="button"
      onClick={() => original && onJump?.(original.id)}
      tabIndex={tabIndex}
      data-testid="message-quote"
      className={`mb-1 block w-full rounded-lg border-l-4 px-2 py-1 text-left text-xs ${
        mine ? "border-indigo-200 bg-indigo-500/40 text-indigo-50" : "border-indigo-400 bg-slate-100 text-slate-600"
      }`}
      aria-label={author ? `Reply to ${author}: ${text}` : text}
    >
      {author ? <span className="block font-semibold">{author}</span> : null}
      <span className={`line-clamp-2 ${original?.deleted ? "italic" : ""}`} data-testid="message-quote-text">
        {text}
      </span>
    </button>
  );
}

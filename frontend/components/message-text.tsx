import { linkify } from "@/lib/linkify";

/** Message text as plain text; http(s) URLs become links that open in a new tab without an opener. */
export function MessageText({ text, className = "", tabIndex }: { text: string; className?: string; tabIndex?: number }) {
  return (
    <span className={`whitespace-pre-wrap break-words [overflow-wrap:anywhere] ${className}`} data-testid="message-content">
      {linkify(text).map((segment, index) =>
        segment.kind === "link" ? (
          <a key={index} href={segment.href} tabIndex={tabIndex} target="_blank" rel="noopener noreferrer" className="underline decoration-1 underline-offset-2">
            {segment.text}
          </a>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  );
}

/** "Bob is typing…" above the composer; the line keeps its height so the list does not jump. */
export function TypingIndicator({ label }: { label: string }) {
  return (
    <p className="h-5 truncate px-4 text-xs text-slate-500 italic" aria-live="polite" data-testid="typing-indicator" data-active={label ? "true" : "false"}>
      {label}
    </p>
  );
}

import Link from "next/link";
import type { FrameStatus, FrameTransport } from "@/lib/chat/frame-source";
import { Avatar } from "./avatar";

const LIVE_LABEL: Partial<Record<FrameStatus, string>> = {
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
};

export function ChatHeader({
  name,
  subtitle,
  live,
  transport,
  online,
  historyHref,
  detailsOpen,
  onToggleDetails,
}: {
  name: string;
  subtitle: string;
  live: FrameStatus;
  transport: FrameTransport | null;
  /** The other person's presence in a direct chat; undefined in a group. */
  online?: boolean | null;
  historyHref: string;
  detailsOpen: boolean;
  onToggleDetails: () => void;
}) {
  const liveLabel = LIVE_LABEL[live];
  return (
    <header
      className="flex items-center gap-2 border-b border-slate-200 bg-surface px-2 py-2 sm:px-4"
      data-testid="chat-header"
      data-live={live}
      data-transport={transport ?? "none"}
    >
      <Link href="/rooms" className="rounded-lg p-2 text-slate-600 hover:bg-slate-100 md:hidden" aria-label="Back to chats" data-testid="back-to-rooms">
        <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden>
          <path d="M12.5 4l-6 6 6 6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </Link>
      <Avatar name={name} online={online} />
      <div className="min-w-0 flex-1">
        <h1 className="truncate font-semibold" data-testid="chat-title">
          {name}
        </h1>
        <p className="truncate text-xs text-slate-500" data-testid="chat-subtitle">
          {liveLabel ? (
            <span className="text-amber-700" role="status" data-testid="live-status">
              {liveLabel}
            </span>
          ) : (
            subtitle
          )}
        </p>
      </div>
      <Link
        href={historyHref}
        aria-label="Conversation history"
        title="History"
        data-testid="room-history-link"
        className="rounded-lg p-2 text-slate-600 hover:bg-slate-100"
      >
        <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
          <path d="M3.5 10a6.5 6.5 0 106.5-6.5A6.6 6.6 0 004.7 6.2M4.5 2.5v3.8h3.8M10 6.5V10l2.5 2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </Link>
      <button
        type="button"
        onClick={onToggleDetails}
        aria-expanded={detailsOpen}
        aria-controls="room-details"
        aria-label="Conversation details"
        data-testid="room-details-toggle"
        className={`rounded-lg p-2 ${detailsOpen ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}
      >
        <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
          <circle cx="10" cy="10" r="7.5" />
          <path d="M10 9v5M10 6.2v.1" strokeLinecap="round" />
        </svg>
      </button>
    </header>
  );
}

import Link from "next/link";
import type { RoomSummary } from "@/lib/api";
import { formatListTime } from "@/lib/format";
import { Avatar } from "./avatar";

function preview(room: RoomSummary, me: string | undefined): string {
  const last = room.lastMessage;
  if (!last) return room.type === "DIRECT" ? "No messages yet" : `${room.participantCount} members`;
  const who = last.senderId === me ? "You: " : room.type === "GROUP" ? `${last.senderUsername}: ` : "";
  return last.deleted ? `${who}Message deleted` : `${who}${last.content ?? ""}`;
}

/** One chat in the list; `online` (DIRECT rooms only) puts the other person's presence dot on the avatar. */
export function RoomListItem({ room, active, me, online }: { room: RoomSummary; active: boolean; me: string | undefined; online?: boolean | null }) {
  const unread = room.unreadCount > 0 && !active;
  return (
    <li>
      <Link
        href={`/rooms/${room.id}`}
        aria-current={active ? "page" : undefined}
        data-testid="room-item"
        data-room-id={room.id}
        data-room-name={room.name}
        className={`flex items-center gap-3 rounded-xl px-3 py-2.5 transition-colors ${
          active ? "bg-indigo-50 ring-1 ring-indigo-100" : "hover:bg-slate-100"
        }`}
      >
        <Avatar name={room.name} online={online} />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline justify-between gap-2">
            <span className={`truncate ${unread ? "font-semibold text-slate-900" : "font-medium text-slate-800"}`}>
              {room.name}
              {room.type === "GROUP" ? <span className="sr-only"> (group)</span> : null}
            </span>
            <span className={`shrink-0 text-xs ${unread ? "font-medium text-indigo-700" : "text-slate-400"}`}>
              {formatListTime(room.lastMessage?.createdAt ?? room.lastActivityAt)}
            </span>
          </span>
          <span className="mt-0.5 flex items-center justify-between gap-2">
            <span className={`truncate text-sm ${unread ? "text-slate-700" : "text-slate-500"}`} data-testid="room-preview">
              {preview(room, me)}
            </span>
            {unread ? (
              <span
                className="inline-flex min-w-5 shrink-0 items-center justify-center rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white"
                data-testid="room-unread"
                aria-label={`${room.unreadCount} unread`}
              >
                {room.unreadCount > 99 ? "99+" : room.unreadCount}
              </span>
            ) : null}
          </span>
        </span>
      </Link>
    </li>
  );
}

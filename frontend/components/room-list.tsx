"use client";

import { useParams } from "next/navigation";
import { useMemo, useState } from "react";
import { useDesktopNotifications } from "@/hooks/use-desktop-notifications";
import { usePresence } from "@/hooks/use-presence";
import { useRooms } from "@/hooks/use-rooms";
import { useSession } from "@/hooks/use-session";
import { describeError } from "@/lib/errors";
import { Button } from "./button";
import { NewChatDialog } from "./new-chat-dialog";
import { EmptyState, Notice, Spinner } from "./notice";
import { RoomListItem } from "./room-list-item";

/** The conversations column: filter, new chat, and the rooms by most recent activity. */
export function RoomList() {
  const { rooms, error, status, reload } = useRooms();
  const { user } = useSession();
  const params = useParams<{ roomId?: string }>();
  const [filter, setFilter] = useState("");
  const [creating, setCreating] = useState(false);
  const needle = filter.trim().toLowerCase();
  const shown = (rooms ?? []).filter((r) => !needle || r.name.toLowerCase().includes(needle));
  const peers = useMemo(() => (rooms ?? []).flatMap((r) => (r.peerId ? [r.peerId] : [])), [rooms]);
  const { online } = usePresence(peers);
  const notifications = useDesktopNotifications(user?.id ?? null);

  return (
    <section aria-label="Conversations" className="flex h-full min-h-0 flex-col">
      <header className="flex items-center justify-between gap-2 px-4 pt-4 pb-2">
        <h1 className="text-xl font-semibold tracking-tight">Chats</h1>
        {notifications.permission !== "unsupported" ? (
          <button
            type="button"
            onClick={() => void notifications.toggle()}
            aria-pressed={notifications.enabled}
            disabled={notifications.permission === "denied"}
            title={
              notifications.permission === "denied"
                ? "Notifications are blocked in this browser's site settings"
                : notifications.enabled
                  ? "Desktop notifications for direct messages and mentions are on"
                  : "Turn on desktop notifications for direct messages and mentions"
            }
            aria-label="Desktop notifications for direct messages and mentions"
            data-testid="notifications-toggle"
            className={`ml-auto rounded-lg p-2 disabled:opacity-40 ${notifications.enabled ? "bg-indigo-50 text-indigo-700" : "text-slate-500 hover:bg-slate-100"}`}
          >
            <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
              <path d="M5 8a5 5 0 0110 0v3.5l1.5 2.5h-13L5 11.5V8zM8 16.5a2 2 0 004 0" strokeLinejoin="round" strokeLinecap="round" />
              {notifications.enabled ? null : <path d="M3 3l14 14" strokeLinecap="round" />}
            </svg>
          </button>
        ) : null}
        <Button onClick={() => setCreating(true)} data-testid="new-chat-button" className="!px-3 !py-1.5">
          <svg viewBox="0 0 20 20" className="size-4" aria-hidden>
            <path d="M10 4v12M4 10h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          New chat
        </Button>
      </header>
      <div className="px-4 pb-2">
        <label className="sr-only" htmlFor="room-filter">
          Search chats
        </label>
        <input
          id="room-filter"
          type="search"
          placeholder="Search chats"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="w-full rounded-lg bg-slate-100 px-3 py-2 text-base outline-none ring-indigo-200 focus:bg-surface focus:ring-2 sm:text-sm"
        />
      </div>
      {error && rooms ? (
        <div className="px-4 pb-2">
          <Notice tone="warning">Couldn&apos;t refresh: {describeError(error)}</Notice>
        </div>
      ) : null}
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-4">
        {status === "loading" ? <Spinner label="Loading chats" /> : null}
        {status === "error" ? (
          <div className="p-2">
            <Notice action={<Button variant="secondary" onClick={reload}>Retry</Button>}>{describeError(error)}</Notice>
          </div>
        ) : null}
        {rooms && rooms.length === 0 ? (
          <EmptyState title="No conversations yet">
            <p className="text-sm">Start one with the “New chat” button.</p>
          </EmptyState>
        ) : null}
        {rooms && rooms.length > 0 && shown.length === 0 ? <EmptyState title="No chats match your search" /> : null}
        <ul className="flex flex-col gap-0.5" data-testid="room-list">
          {shown.map((room) => (
            <RoomListItem
              key={room.id}
              room={room}
              active={room.id === params.roomId}
              me={user?.id}
              online={room.peerId ? (online(room.peerId) ?? room.online) : undefined}
            />
          ))}
        </ul>
      </div>
      <NewChatDialog open={creating} onClose={() => setCreating(false)} />
    </section>
  );
}

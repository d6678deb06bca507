import type { Message, RoomSummary, Uuid } from "../api/types";

export interface DesktopNotice {
  title: string;
  body: string;
  /** One notification per room: a newer one replaces the older. */
  tag: string;
  roomId: Uuid;
}

function mentions(content: string, username: string): boolean {
  const escaped = username.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_.-])@${escaped}(?![A-Za-z0-9_-])`, "i").test(content);
}

/**
 * Whether a message deserves a desktop notification: someone else wrote it in a direct chat, or it
 * mentions this person (`@username` in the text, or the server's `mentions` once it sends them).
 */
export function noticeFor(message: Message, room: Pick<RoomSummary, "type" | "name"> | null, me: { id: Uuid; username: string }): DesktopNotice | null {
  if (message.senderId === me.id || message.deleted) return null;
  const content = message.content ?? "";
  const direct = room?.type === "DIRECT";
  const mentioned = (message.mentions ?? []).includes(me.id) || mentions(content, me.username);
  if (!direct && !mentioned) return null;
  const files = message.attachments?.length ?? 0;
  const text = content.trim() || (files > 0 ? `Sent ${files === 1 ? "a file" : `${files} files`}` : "");
  return {
    title: direct || !room ? message.senderUsername : `${message.senderUsername} in ${room.name}`,
    body: text.length > 160 ? `${text.slice(0, 157)}…` : text,
    tag: `eventchat-${message.roomId}`,
    roomId: message.roomId,
  };
}

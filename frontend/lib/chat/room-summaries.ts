import type { Message, RoomFrame, RoomSummary, Uuid } from "../api/types";

/** What a room frame means for the room list: the list as it is now, and whether to ask the server again. */
export interface SummaryUpdate {
  rooms: RoomSummary[];
  /** The frame changed something the list cannot work out by itself (who is in the room, own receipts). */
  refetch: boolean;
}

function withLastMessage(room: RoomSummary, change: (m: Message) => Message, messageId: Uuid): RoomSummary {
  return room.lastMessage?.id === messageId ? { ...room, lastMessage: change(room.lastMessage) } : room;
}

/**
 * Applies a frame of one of the listed rooms to the list, so previews, unread badges and the order follow
 * the conversation as it happens instead of at the next poll. Frames are applied once each: a frame at or
 * below the room's `lastSeq` is already in the summary.
 */
export function applySummaryFrame(rooms: readonly RoomSummary[], frame: RoomFrame, me: Uuid | null): SummaryUpdate {
  const index = rooms.findIndex((r) => r.id === frame.roomId);
  if (index < 0) return { rooms: rooms as RoomSummary[], refetch: false };
  const room = rooms[index]!;
  if (frame.seq <= room.lastSeq) return { rooms: rooms as RoomSummary[], refetch: false };
  let next: RoomSummary = { ...room, lastSeq: frame.seq };
  let refetch = false;
  switch (frame.type) {
    case "message.posted": {
      const mine = frame.data.senderId === me;
      next = {
        ...next,
        lastMessage: frame.data,
        lastActivityAt: frame.data.createdAt,
        unreadCount: mine ? next.unreadCount : next.unreadCount + 1,
      };
      break;
    }
    case "message.edited":
      next = withLastMessage(next, (m) => ({ ...m, content: frame.data.content, editedAt: frame.data.editedAt }), frame.data.messageId);
      break;
    case "message.deleted":
      next = withLastMessage(next, (m) => ({ ...m, deleted: true, content: null }), frame.data.messageId);
      refetch = true;
      break;
    case "message.restored":
    case "participant.added":
    case "participant.removed":
      refetch = true;
      break;
    case "room.renamed":
      next = next.type === "GROUP" ? { ...next, name: frame.data.name } : next;
      break;
    case "receipt":
      refetch = frame.data.userId === me;
      break;
    default:
      break;
  }
  const list = rooms.slice();
  if (frame.type === "message.posted") {
    // The list is by most recent activity: the room with the new message goes to the top.
    list.splice(index, 1);
    list.unshift(next);
  } else {
    list[index] = next;
  }
  return { rooms: list, refetch };
}

/** This person read the room up to `upToSeq` here: its badge goes at once when that covers the last message. */
export function markSummaryRead(rooms: readonly RoomSummary[], roomId: Uuid, upToSeq: number): RoomSummary[] {
  return rooms.map((r) =>
    r.id === roomId && r.unreadCount > 0 && (r.lastMessage === null || r.lastMessage.seq <= upToSeq) ? { ...r, unreadCount: 0 } : r,
  );
}

/** The rooms to follow live, most recent first, within what one connection may subscribe to. */
export function roomsToFollow(rooms: readonly RoomSummary[], max: number): Uuid[] {
  return rooms.slice(0, max).map((r) => r.id);
}

/** The sum of unread messages, for the tab title. */
export function totalUnread(rooms: readonly RoomSummary[] | null): number {
  return (rooms ?? []).reduce((sum, r) => sum + Math.max(0, r.unreadCount), 0);
}

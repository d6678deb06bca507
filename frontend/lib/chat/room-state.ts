import type { Message, MessagePage, Participant, RoomDetails, RoomFrame, RoomType, Uuid } from "../api/types";

/**
 * An open room as the client knows it: a snapshot (details + a window of messages) with the room's
 * frames applied on top in seq order. Every frame is applied with set semantics (upsert, assign,
 * max), so replaying a frame the snapshot already reflects is harmless; `appliedSeq` keeps a frame
 * from being applied twice anyway.
 */
export interface RoomState {
  room: { id: Uuid; name: string; type: RoomType; createdAt: string; createdBy: Uuid } | null;
  participants: Participant[];
  /** Ascending by seq, unique by id. */
  messages: Message[];
  appliedSeq: number;
  /** Seq to pass as `before=` for older history; null once the beginning is loaded. */
  olderCursor: number | null;
  deleted: boolean;
  /** Text of messages deleted while this client watched, so a restore can show it again at once. */
  hidden: Record<Uuid, string>;
}

export type RoomAction =
  | { type: "loaded"; details: RoomDetails; page: MessagePage }
  | { type: "olderLoaded"; page: MessagePage }
  | { type: "frames"; frames: readonly RoomFrame[] }
  | { type: "messageChanged"; message: Message }
  | { type: "messageDeleted"; messageId: Uuid }
  | { type: "participantChanged"; participant: Participant }
  | { type: "participantRemoved"; userId: Uuid }
  | { type: "renamed"; name: string }
  | { type: "roomDeleted" };

export const initialRoomState: RoomState = {
  room: null,
  participants: [],
  messages: [],
  appliedSeq: 0,
  olderCursor: null,
  deleted: false,
  hidden: {},
};

/** The seq from which frames must be replayed on top of a snapshot taken from `details` and `page`. */
export function replayFrom(page: MessagePage): number {
  const newest = page.items[page.items.length - 1];
  return newest ? newest.seq : 0;
}

export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return existing as Message[];
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

function updateMessage(messages: Message[], messageId: Uuid, change: (m: Message) => Message): Message[] {
  const index = messages.findIndex((m) => m.id === messageId);
  if (index < 0) return messages;
  const next = messages.slice();
  next[index] = change(messages[index]!);
  return next;
}

function hide(state: RoomState, messageId: Uuid): RoomState {
  const message = state.messages.find((m) => m.id === messageId);
  if (!message) return state;
  return {
    ...state,
    hidden: message.content === null ? state.hidden : { ...state.hidden, [messageId]: message.content },
    messages: updateMessage(state.messages, messageId, (m) => ({ ...m, deleted: true, content: null })),
  };
}

function upsertParticipant(participants: Participant[], participant: Participant): Participant[] {
  const index = participants.findIndex((p) => p.userId === participant.userId);
  if (index < 0) return [...participants, participant];
  const next = participants.slice();
  next[index] = { ...participants[index]!, ...participant, username: participant.username ?? participants[index]!.username };
  return next;
}

function applyFrame(state: RoomState, frame: RoomFrame): RoomState {
  switch (frame.type) {
    case "message.posted": {
      const oldest = state.messages[0];
      // A replayed post older than the loaded window belongs to history that "load older" fetches.
      if (state.olderCursor !== null && oldest && frame.data.seq < oldest.seq) return state;
      return { ...state, messages: mergeMessages(state.messages, [frame.data]) };
    }
    case "message.edited":
      return {
        ...state,
        messages: updateMessage(state.messages, frame.data.messageId, (m) => ({
          ...m,
          content: frame.data.content,
          editedAt: frame.data.editedAt,
        })),
      };
    case "message.deleted":
      return hide(state, frame.data.messageId);
    case "message.restored":
      // The frame carries no text: bring back what this client saw before the delete, if anything;
      // a restored message left without content is refetched (see needsRefetch).
      return {
        ...state,
        messages: updateMessage(state.messages, frame.data.messageId, (m) => ({
          ...m,
          deleted: false,
          content: m.content ?? state.hidden[m.id] ?? null,
        })),
      };
    case "receipt":
      return {
        ...state,
        participants: state.participants.map((p) =>
          p.userId === frame.data.userId ? { ...p, lastReadSeq: Math.max(p.lastReadSeq, frame.data.upToSeq) } : p,
        ),
      };
    case "participant.added":
      return {
        ...state,
        participants: upsertParticipant(state.participants, {
          userId: frame.data.userId,
          username: frame.data.username,
          role: frame.data.role,
          joinedAt: frame.at,
          online: false,
          lastReadSeq: 0,
        }),
      };
    case "participant.updated":
      return {
        ...state,
        participants: state.participants.map((p) => (p.userId === frame.data.userId ? { ...p, role: frame.data.role } : p)),
      };
    case "participant.removed":
      return { ...state, participants: state.participants.filter((p) => p.userId !== frame.data.userId) };
    case "room.renamed":
      return state.room ? { ...state, room: { ...state.room, name: frame.data.name } } : state;
    case "room.deleted":
      return { ...state, deleted: true };
    case "room.created":
      return state;
  }
}

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case "loaded": {
      const { details, page } = action;
      return {
        room: { id: details.id, name: details.name, type: details.type, createdAt: details.createdAt, createdBy: details.createdBy },
        participants: details.participants,
        messages: mergeMessages([], page.items),
        appliedSeq: replayFrom(page),
        olderCursor: page.nextCursor,
        deleted: false,
        hidden: {},
      };
    }
    case "olderLoaded":
      return { ...state, messages: mergeMessages(state.messages, action.page.items), olderCursor: action.page.nextCursor };
    case "frames": {
      let next = state;
      for (const frame of [...action.frames].sort((a, b) => a.seq - b.seq)) {
        if (frame.seq <= next.appliedSeq) continue;
        next = { ...applyFrame(next, frame), appliedSeq: frame.seq };
      }
      return next;
    }
    case "messageChanged":
      return { ...state, messages: mergeMessages(state.messages, [action.message]) };
    case "messageDeleted":
      return hide(state, action.messageId);
    case "participantChanged":
      return { ...state, participants: upsertParticipant(state.participants, action.participant) };
    case "participantRemoved":
      return { ...state, participants: state.participants.filter((p) => p.userId !== action.userId) };
    case "renamed":
      return state.room ? { ...state, room: { ...state.room, name: action.name } } : state;
    case "roomDeleted":
      return { ...state, deleted: true };
  }
}

export type ReadState = { kind: "sent" } | { kind: "read"; by: string[]; everyone: boolean };

/** Whether the other participants have read up to this message (their lastReadSeq >= its seq). */
export function readStateOf(message: Message, participants: readonly Participant[], me: Uuid): ReadState {
  const others = participants.filter((p) => p.userId !== me);
  const readers = others.filter((p) => p.lastReadSeq >= message.seq);
  if (readers.length === 0) return { kind: "sent" };
  return { kind: "read", by: readers.map((p) => p.username ?? "someone"), everyone: readers.length === others.length };
}

/** Messages that are not deleted yet have no text (restored before this client ever saw it). */
export function needsRefetch(messages: readonly Message[]): Message[] {
  return messages.filter((m) => !m.deleted && m.content === null);
}

export function newestMessageSeq(messages: readonly Message[]): number {
  const last = messages[messages.length - 1];
  return last ? last.seq : 0;
}

export function myLastReadSeq(participants: readonly Participant[], me: Uuid): number {
  return participants.find((p) => p.userId === me)?.lastReadSeq ?? 0;
}

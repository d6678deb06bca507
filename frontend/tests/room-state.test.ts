import { describe, expect, it } from "vitest";
import type { Message, Participant, RoomDetails, RoomFrame } from "@/lib/api/types";
import { initialRoomState, needsRefetch, readStateOf, replayFrom, roomReducer, type RoomState } from "@/lib/chat/room-state";

const at = "2026-01-01T10:00:00Z";
const msg = (seq: number, extra: Partial<Message> = {}): Message => ({
  id: `m-${seq}`,
  roomId: "r",
  seq,
  senderId: "u-a",
  senderUsername: "alice",
  content: `message ${seq}`,
  createdAt: at,
  editedAt: null,
  deleted: false,
  replyToMessageId: null,
  clientMessageId: `c-${seq}`,
  ...extra,
});
const person = (userId: string, username: string, lastReadSeq = 0, role: Participant["role"] = "MEMBER"): Participant => ({
  userId, username, role, joinedAt: at, online: false, lastReadSeq,
});
const details: RoomDetails = {
  id: "r", name: "Group", type: "GROUP", createdAt: at, createdBy: "u-a",
  participants: [person("u-a", "alice", 0, "OWNER"), person("u-b", "bob")], lastSeq: 12,
};
const frame = <T extends RoomFrame["type"]>(seq: number, type: T, data: Extract<RoomFrame, { type: T }>["data"]) =>
  ({ type, roomId: "r", seq, at, data }) as RoomFrame;

const loaded = (items = [msg(10), msg(11)], nextCursor: number | null = 10): RoomState =>
  roomReducer(initialRoomState, { type: "loaded", details, page: { items, nextCursor } });
const apply = (state: RoomState, ...frames: RoomFrame[]) => roomReducer(state, { type: "frames", frames });

describe("room state", () => {
  it("replays frames from the newest loaded message", () => {
    expect(replayFrom({ items: [msg(10), msg(11)], nextCursor: null })).toBe(11);
    expect(replayFrom({ items: [], nextCursor: null })).toBe(0);
    expect(loaded().appliedSeq).toBe(11);
  });

  it("adds posted messages in seq order, whatever order frames arrive in", () => {
    const state = apply(loaded(), frame(14, "message.posted", msg(14)), frame(13, "message.posted", msg(13)));
    expect(state.messages.map((m) => m.seq)).toEqual([10, 11, 13, 14]);
    expect(state.appliedSeq).toBe(14);
  });

  it("never applies a frame twice", () => {
    const once = apply(loaded(), frame(12, "message.edited", { messageId: "m-11", content: "v2", editedAt: at }));
    const edited = apply(once, frame(13, "message.edited", { messageId: "m-11", content: "v3", editedAt: at }));
    const replayed = apply(edited, frame(12, "message.edited", { messageId: "m-11", content: "v2", editedAt: at }));
    expect(replayed.messages.find((m) => m.id === "m-11")?.content).toBe("v3");
    expect(replayed).toBe(edited);
  });

  it("a post that is already in the snapshot is not doubled", () => {
    const state = apply(loaded(), frame(12, "message.posted", msg(11)));
    expect(state.messages).toHaveLength(2);
  });

  it("leaves posts older than the loaded window to history loading", () => {
    const state = apply(loaded([msg(10), msg(11)], 10), frame(12, "message.posted", msg(5)));
    expect(state.messages.map((m) => m.seq)).toEqual([10, 11]);
  });

  it("edits in place and marks the message edited", () => {
    const state = apply(loaded(), frame(12, "message.edited", { messageId: "m-10", content: "fixed typo", editedAt: "2026-01-01T10:05:00Z" }));
    expect(state.messages[0]).toMatchObject({ content: "fixed typo", editedAt: "2026-01-01T10:05:00Z", seq: 10 });
  });

  it("a deleted message keeps its place without content, and a restore brings the text back", () => {
    const deleted = apply(loaded(), frame(12, "message.deleted", { messageId: "m-10", by: "u-a" }));
    expect(deleted.messages[0]).toMatchObject({ id: "m-10", deleted: true, content: null });
    expect(deleted.messages.map((m) => m.seq)).toEqual([10, 11]);
    const restored = apply(deleted, frame(13, "message.restored", { messageId: "m-10", by: "u-a" }));
    expect(restored.messages[0]).toMatchObject({ deleted: false, content: "message 10" });
    expect(needsRefetch(restored.messages)).toEqual([]);
  });

  it("asks for a refetch when a message restored without known text", () => {
    const state = loaded([msg(10, { deleted: true, content: null })], null);
    const restored = apply(state, frame(12, "message.restored", { messageId: "m-10", by: "u-a" }));
    expect(needsRefetch(restored.messages).map((m) => m.id)).toEqual(["m-10"]);
  });

  it("receipts only move a reader forward", () => {
    let state = apply(loaded(), frame(12, "receipt", { userId: "u-b", upToSeq: 11 }));
    state = apply(state, frame(13, "receipt", { userId: "u-b", upToSeq: 9 }));
    expect(state.participants.find((p) => p.userId === "u-b")?.lastReadSeq).toBe(11);
  });

  it("tracks people, roles, renames and deletion", () => {
    const state = apply(
      loaded(),
      frame(12, "participant.added", { userId: "u-c", username: "carol", role: "MEMBER", addedBy: "u-a" }),
      frame(13, "participant.updated", { userId: "u-b", role: "ADMIN" }),
      frame(14, "participant.removed", { userId: "u-c", by: "u-a" }),
      frame(15, "room.renamed", { name: "Weekend", by: "u-a" }),
    );
    expect(state.participants.map((p) => [p.username, p.role])).toEqual([["alice", "OWNER"], ["bob", "ADMIN"]]);
    expect(state.room?.name).toBe("Weekend");
    expect(apply(state, frame(16, "room.deleted", {})).deleted).toBe(true);
  });

  it("prepends older pages and moves the cursor", () => {
    const state = roomReducer(loaded(), { type: "olderLoaded", page: { items: [msg(8), msg(9)], nextCursor: null } });
    expect(state.messages.map((m) => m.seq)).toEqual([8, 9, 10, 11]);
    expect(state.olderCursor).toBeNull();
  });

  it("shows ticks from other participants' lastReadSeq", () => {
    const participants = [person("u-a", "alice", 20), person("u-b", "bob", 11), person("u-c", "carol", 9)];
    expect(readStateOf(msg(12), participants, "u-a")).toEqual({ kind: "sent" });
    expect(readStateOf(msg(11), participants, "u-a")).toEqual({ kind: "read", by: ["bob"], everyone: false });
    expect(readStateOf(msg(9), participants, "u-a")).toEqual({ kind: "read", by: ["bob", "carol"], everyone: true });
  });
});

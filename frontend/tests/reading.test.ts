import { describe, expect, it } from "vitest";
import type { Message, RoomSummary } from "@/lib/api/types";
import { DraftStore } from "@/lib/chat/drafts";
import { noticeFor } from "@/lib/chat/notify";
import { firstUnreadSeq, reachesFirstUnread, unseenCount } from "@/lib/chat/reading";
import { applySummaryFrame, markSummaryRead, roomsToFollow, totalUnread } from "@/lib/chat/room-summaries";
import { formatLimit, tooLargeMessage } from "@/lib/errors";

const msg = (seq: number, senderId = "bob", content = `m${seq}`): Message =>
  ({ id: `m${seq}`, roomId: "r1", seq, senderId, senderUsername: senderId, content, createdAt: `2026-01-01T00:00:${String(seq % 60).padStart(2, "0")}Z`, deleted: false, attachments: [] }) as unknown as Message;
const room = (id: string, extra: Partial<RoomSummary> = {}): RoomSummary =>
  ({ id, name: id, type: "GROUP", participantCount: 2, lastMessage: null, unreadCount: 0, lastSeq: 5, lastActivityAt: "2026-01-01T00:00:00Z", peerId: null, online: null, ...extra }) as RoomSummary;

describe("reading position", () => {
  it("finds the first message someone else wrote after what was read", () => {
    const messages = [msg(3), msg(4, "me"), msg(6), msg(7)];
    expect(firstUnreadSeq(messages, 3, "me")).toBe(6);
    expect(firstUnreadSeq(messages, 7, "me")).toBeNull();
  });

  it("knows when a window reaches back to the first unread message", () => {
    expect(reachesFirstUnread({ items: [msg(10)], nextCursor: 10 }, 9)).toBe(true);
    expect(reachesFirstUnread({ items: [msg(10)], nextCursor: 10 }, 5)).toBe(false);
    expect(reachesFirstUnread({ items: [msg(10)], nextCursor: null }, 5)).toBe(true);
  });

  it("counts others' messages after the newest one seen", () => {
    expect(unseenCount([msg(1), msg(2), msg(3, "me"), msg(4)], 1, "me")).toBe(2);
    expect(unseenCount([msg(1)], 1, "me")).toBe(0);
  });
});

describe("room list from frames", () => {
  const frame = (seq: number, data: Message) => ({ type: "message.posted" as const, roomId: data.roomId, seq, at: data.createdAt, data });

  it("shows a new message at once: preview, unread badge, room on top; a frame applies once", () => {
    const rooms = [room("r0", { lastSeq: 9 }), room("r1")];
    const first = applySummaryFrame(rooms, frame(6, msg(6)), "me");
    expect(first.rooms.map((r) => r.id)).toEqual(["r1", "r0"]);
    expect(first.rooms[0]).toMatchObject({ unreadCount: 1, lastSeq: 6, lastMessage: { content: "m6" } });
    expect(applySummaryFrame(first.rooms, frame(6, msg(6)), "me").rooms[0]!.unreadCount).toBe(1);
    expect(applySummaryFrame(first.rooms, frame(7, msg(7, "me")), "me").rooms[0]!.unreadCount).toBe(1);
  });

  it("asks the server again for what it cannot work out: own receipts, who is in the room", () => {
    const rooms = [room("r1")];
    const receipt = (userId: string) => ({ type: "receipt" as const, roomId: "r1", seq: 6, at: "", data: { userId, upToSeq: 5 } });
    expect(applySummaryFrame(rooms, receipt("me"), "me").refetch).toBe(true);
    expect(applySummaryFrame(rooms, receipt("bob"), "me").refetch).toBe(false);
  });

  it("clears a badge read here, counts the total, and follows at most so many rooms", () => {
    const rooms = [room("a", { unreadCount: 2, lastMessage: msg(5) }), room("b", { unreadCount: 3, lastMessage: msg(9) })];
    expect(markSummaryRead(rooms, "a", 5)[0]!.unreadCount).toBe(0);
    expect(markSummaryRead(rooms, "b", 5)[1]!.unreadCount).toBe(3);
    expect(totalUnread(rooms)).toBe(5);
    expect(roomsToFollow(rooms, 1)).toEqual(["a"]);
  });
});

describe("desktop notices", () => {
  const me = { id: "me", username: "alice" };
  it("are for direct messages and mentions of this person, never for their own messages", () => {
    expect(noticeFor(msg(1), { type: "DIRECT", name: "bob" }, me)).toMatchObject({ title: "bob", body: "m1" });
    expect(noticeFor(msg(1), { type: "GROUP", name: "Hike" }, me)).toBeNull();
    expect(noticeFor(msg(1, "bob", "hi @alice!"), { type: "GROUP", name: "Hike" }, me)).toMatchObject({ title: "bob in Hike" });
    expect(noticeFor(msg(1, "bob", "hi @alice_b"), { type: "GROUP", name: "Hike" }, me)).toBeNull();
    expect(noticeFor(msg(1, "me"), { type: "DIRECT", name: "bob" }, me)).toBeNull();
  });
});

describe("drafts", () => {
  it("are kept per room in storage and dropped when emptied", () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
    const drafts = new DraftStore(storage, "d");
    drafts.set("r1", "half a thought");
    expect(new DraftStore(storage, "d").get("r1")).toBe("half a thought");
    expect(drafts.get("r2")).toBe("");
    drafts.set("r1", "  ");
    expect(data.has("d")).toBe(false);
  });
});

describe("size limit", () => {
  it("says the limit in megabytes, from the server's answer or the client's own", () => {
    expect(formatLimit(10 * 1024 * 1024)).toBe("10 MB");
    expect(tooLargeMessage("A file may be at most 10485760 bytes (10 MiB).")).toBe("That file is too large to attach: files can be at most 10 MB.");
    expect(tooLargeMessage(undefined, 5 * 1024 * 1024)).toContain("at most 5 MB");
  });
});

import { describe, expect, it } from "vitest";
import type { TypingFrame } from "@/lib/api/types";
import { activeTypists, applyRoomSignal, applyTyping, TYPING_TTL_MS, typingLabel, typingThrottle } from "@/lib/chat/typing";

const typing = (userId: string, username: string, on = true): TypingFrame => ({
  type: "typing",
  roomId: "r",
  seq: null,
  at: "2026-01-01T00:00:00Z",
  data: { userId, username, typing: on, expiresAt: "2030-01-01T00:00:00Z" },
});

describe("typing notices", () => {
  it("shows a typist for five seconds after their last notice, renewed by each new one", () => {
    let list = applyTyping([], typing("b", "bob"), 1000, "me");
    expect(activeTypists(list, 1000 + TYPING_TTL_MS - 1).map((t) => t.username)).toEqual(["bob"]);
    expect(activeTypists(list, 1000 + TYPING_TTL_MS)).toEqual([]);
    list = applyTyping(list, typing("b", "bob"), 4000, "me");
    expect(list).toHaveLength(1);
    expect(activeTypists(list, 8000)).toHaveLength(1);
  });

  it("drops a typist at once on typing:false, and never shows the caller", () => {
    const list = applyTyping(applyTyping([], typing("b", "bob"), 0, "me"), typing("c", "carol"), 0, "me");
    expect(applyTyping(list, typing("b", "bob", false), 10, "me").map((t) => t.username)).toEqual(["carol"]);
    expect(applyTyping([], typing("me", "alice"), 0, "me")).toEqual([]);
  });

  it("ignores the server's expiresAt so a skewed clock cannot keep a notice up", () => {
    const list = applyTyping([], typing("b", "bob"), 0, null);
    expect(activeTypists(list, TYPING_TTL_MS + 1)).toEqual([]);
  });

  it("drops a typist when their message arrives, whatever came of their typing:false", () => {
    const list = applyTyping(applyTyping([], typing("b", "bob"), 0, "me"), typing("c", "carol"), 0, "me");
    const posted = {
      type: "message.posted" as const,
      roomId: "r",
      seq: 9,
      at: "t",
      data: {
        id: "m", roomId: "r", seq: 9, senderId: "b", senderUsername: "bob", content: "hi", createdAt: "t",
        editedAt: null, deleted: false, replyToMessageId: null, clientMessageId: null,
      },
    };
    expect(applyRoomSignal(list, posted, 10, "me").map((t) => t.username)).toEqual(["carol"]);
    expect(applyRoomSignal(list, typing("b", "bob", false), 10, "me").map((t) => t.username)).toEqual(["carol"]);
  });

  it("says who is typing in a sentence", () => {
    expect(typingLabel([])).toBe("");
    expect(typingLabel(["bob"])).toBe("bob is typing…");
    expect(typingLabel(["bob", "carol"])).toBe("bob and carol are typing…");
    expect(typingLabel(["bob", "carol", "dan"])).toBe("bob, carol and 1 other are typing…");
    expect(typingLabel(["bob", "carol", "dan", "eve"])).toBe("bob, carol and 2 others are typing…");
  });

  it("sends at the first keystroke, then at most once per renewal interval, again at once after a reset", () => {
    const throttle = typingThrottle(2500);
    const sent = [0, 100, 2000, 2499, 2500, 3000, 5100].filter((t) => throttle.shouldSend(t));
    expect(sent).toEqual([0, 2500, 5100]);
    expect(throttle.announced(5200)).toBe(true);
    throttle.reset();
    expect(throttle.announced(5200)).toBe(false);
    expect(throttle.shouldSend(5200)).toBe(true);
  });
});

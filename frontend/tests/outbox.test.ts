import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/api/types";
import { newClientMessageId, outboxReducer, pendingOnly, type OutgoingMessage } from "@/lib/chat/outbox";

const entry = (id: string): OutgoingMessage => ({
  clientMessageId: id, roomId: "r", content: `text ${id}`, replyToMessageId: null, attachments: [], status: "sending", error: null, queuedAt: "2026-01-01T00:00:00Z",
});

describe("outbox", () => {
  it("queues once, fails, retries with the same id and drops on confirmation", () => {
    let state = outboxReducer([], { type: "queued", message: entry("c1") });
    state = outboxReducer(state, { type: "queued", message: entry("c1") });
    expect(state).toHaveLength(1);
    state = outboxReducer(state, { type: "failed", clientMessageId: "c1", error: "offline" });
    expect(state[0]).toMatchObject({ status: "failed", error: "offline" });
    state = outboxReducer(state, { type: "retrying", clientMessageId: "c1" });
    expect(state[0]).toMatchObject({ clientMessageId: "c1", status: "sending", error: null });
    expect(outboxReducer(state, { type: "confirmed", clientMessageId: "c1" })).toEqual([]);
  });

  it("hides entries the timeline already shows (a frame can confirm before the answer)", () => {
    const timeline = [{ clientMessageId: "c1" } as Message];
    expect(pendingOnly([entry("c1"), entry("c2")], timeline).map((e) => e.clientMessageId)).toEqual(["c2"]);
  });

  it("makes a new id per message", () => {
    expect(newClientMessageId()).not.toBe(newClientMessageId());
  });
});

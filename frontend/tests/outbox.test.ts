import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/api/types";
import { newClientMessageId, nextToSend, outboxReducer, parseOutbox, pendingOnly, queuedFrom, type OutgoingMessage } from "@/lib/chat/outbox";

const entry = (id: string, roomId = "r", extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  clientMessageId: id, roomId, content: `text ${id}`, replyToMessageId: null, attachments: [], status: "queued", error: null, resendable: false, queuedAt: "2026-01-01T00:00:00Z", ...extra,
});

describe("outbox", () => {
  it("queues once, fails, is queued again with the same id and drops on confirmation", () => {
    let state = outboxReducer([], { type: "queued", message: entry("c1") });
    state = outboxReducer(state, { type: "queued", message: entry("c1") });
    expect(state).toHaveLength(1);
    state = outboxReducer(state, { type: "failed", clientMessageIds: ["c1"], error: "offline", resendable: true });
    expect(state[0]).toMatchObject({ status: "failed", error: "offline", resendable: true });
    state = outboxReducer(state, { type: "requeued", clientMessageIds: ["c1"] });
    expect(state[0]).toMatchObject({ clientMessageId: "c1", status: "queued", error: null, resendable: false });
    expect(outboxReducer(state, { type: "confirmed", clientMessageId: "c1" })).toEqual([]);
  });

  it("sends a room's messages in the order typed, and waits behind one the connection held back", () => {
    const state = [entry("a", "r1"), entry("b", "r2"), entry("c", "r1")];
    expect(nextToSend(state, "r1")?.clientMessageId).toBe("a");
    expect(nextToSend(state, "r2")?.clientMessageId).toBe("b");
    const held = outboxReducer(state, { type: "failed", clientMessageIds: ["a"], error: "offline", resendable: true });
    expect(nextToSend(held, "r1")).toBeNull();
    const refused = outboxReducer(state, { type: "failed", clientMessageIds: ["a"], error: "too long", resendable: false });
    expect(nextToSend(refused, "r1")?.clientMessageId).toBe("c");
  });

  it("names the queued messages of a room from one on", () => {
    const state = [entry("a"), entry("x", "other"), entry("b"), entry("c", "r", { status: "failed" })];
    expect(queuedFrom(state, "r", "a")).toEqual(["a", "b"]);
    expect(queuedFrom(state, "r", "missing")).toEqual([]);
  });

  it("hides entries the timeline already shows (a frame can confirm before the answer)", () => {
    const timeline = [{ clientMessageId: "c1" } as Message];
    expect(pendingOnly([entry("c1"), entry("c2")], timeline).map((e) => e.clientMessageId)).toEqual(["c2"]);
  });

  it("reads back a stored outbox and ignores anything malformed", () => {
    expect(parseOutbox(JSON.stringify([entry("c1"), { nope: true }, 3]))).toEqual([entry("c1")]);
    expect(parseOutbox("not json")).toEqual([]);
    expect(parseOutbox(null)).toEqual([]);
  });

  it("makes a new id per message", () => {
    expect(newClientMessageId()).not.toBe(newClientMessageId());
  });
});

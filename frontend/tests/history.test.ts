import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@/lib/api/types";
import { appendAudit, describeAuditEntry, fromLocalInput, mentionedUsers, toLocalInput } from "@/lib/chat/history";

const names: Record<string, string> = { a: "Alice", b: "Bob" };
const nameOf = (id: string) => names[id] ?? null;
const entry = (seq: number, type: string, data: Record<string, unknown>, actorId = "a"): AuditEntry => ({
  seq,
  type,
  at: `2026-11-25T10:00:0${seq}Z`,
  actorId,
  data,
});

describe("audit entries as sentences", () => {
  it("names the people involved", () => {
    expect(describeAuditEntry(entry(1, "RoomCreated", { name: "Plans", type: "GROUP", createdBy: "a" }), nameOf)).toBe("Alice created the group “Plans”");
    expect(describeAuditEntry(entry(2, "ParticipantAdded", { userId: "a", addedBy: "a", role: "OWNER" }), nameOf)).toBe("Alice joined as owner");
    expect(describeAuditEntry(entry(3, "ParticipantAdded", { userId: "b", addedBy: "a", role: "MEMBER" }), nameOf)).toBe("Alice added Bob as member");
    expect(describeAuditEntry(entry(4, "ParticipantRemoved", { userId: "b", by: "b" }), nameOf)).toBe("Bob left");
    expect(describeAuditEntry(entry(5, "ParticipantRemoved", { userId: "b", by: "a" }), nameOf)).toBe("Alice removed Bob");
    expect(describeAuditEntry(entry(6, "RoomRenamed", { name: "Hike", by: "a" }), nameOf)).toBe("Alice renamed the room to “Hike”");
  });

  it("quotes message text, shortened and on one line", () => {
    const long = `first line\nsecond ${"x".repeat(100)}`;
    const text = describeAuditEntry(entry(7, "MessagePosted", { senderId: "b", content: long }), nameOf);
    expect(text.startsWith("Bob wrote “first line second x")).toBe(true);
    expect(text.endsWith("…”")).toBe(true);
    expect(text.length).toBeLessThan(100);
    expect(describeAuditEntry(entry(8, "MessageEdited", { editorId: "a", content: "new" }), nameOf)).toBe("Alice edited a message to “new”");
  });

  it("falls back gracefully for unknown people and event types", () => {
    expect(describeAuditEntry(entry(9, "MessageDeleted", { by: "zz" }), nameOf)).toBe("someone deleted a message");
    expect(describeAuditEntry(entry(10, "SomethingNew", {}, "system"), nameOf)).toBe("the system: SomethingNew");
  });
});

describe("audit pages", () => {
  it("appends pages in seq order without duplicates", () => {
    const first = appendAudit([], { items: [entry(1, "A", {}), entry(2, "B", {})], nextCursor: 2 });
    const both = appendAudit(first, { items: [entry(2, "B", {}), entry(3, "C", {})], nextCursor: null });
    expect(both.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it("collects everyone mentioned, without the system", () => {
    const ids = mentionedUsers([entry(1, "ParticipantAdded", { userId: "b", addedBy: "a" }, "system"), entry(2, "MessagePosted", { senderId: "c" }, "c")]);
    expect(ids.sort()).toEqual(["a", "b", "c"]);
  });
});

describe("datetime-local values", () => {
  it("round-trips an instant through the input's local format, to the second", () => {
    const iso = "2026-11-25T10:15:30.000Z";
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("not a date")).toBeNull();
  });
});

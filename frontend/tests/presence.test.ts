import { describe, expect, it } from "vitest";
import { PresenceStore, presenceBatches } from "@/lib/chat/presence";

describe("presence store", () => {
  it("knows only what it was told, and a frame overrides an earlier answer", () => {
    const store = new PresenceStore();
    expect(store.get("a")).toBeNull();
    store.merge({ a: true, b: false });
    expect([store.get("a"), store.get("b")]).toEqual([true, false]);
    store.apply({ type: "presence", roomId: null, seq: null, at: "t", data: { userId: "a", online: false } });
    expect(store.get("a")).toBe(false);
  });

  it("notifies only on real changes, and forgets everything on clear", () => {
    const store = new PresenceStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.merge({ a: true });
    store.merge({ a: true });
    expect(calls).toBe(1);
    const before = store.getVersion();
    store.clear();
    expect(store.get("a")).toBeNull();
    expect(store.getVersion()).toBeGreaterThan(before);
  });
});

describe("presenceBatches", () => {
  it("dedupes, sorts and splits ids into requests of at most 200", () => {
    const ids = Array.from({ length: 450 }, (_, i) => `u${String(i).padStart(3, "0")}`);
    const batches = presenceBatches([...ids, "u001"]);
    expect(batches.map((b) => b.length)).toEqual([200, 200, 50]);
    expect(batches[0]![0]).toBe("u000");
    expect(presenceBatches([])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/problem";
import type { Message } from "@/lib/api/types";
import type { OutgoingMessage } from "@/lib/chat/outbox";
import { SendQueue } from "@/lib/chat/send-queue";
import { deferred, type Deferred } from "./hook-helpers";

interface Post {
  entry: OutgoingMessage;
  answer: Deferred<Message>;
}

function setup(storage: Map<string, string> = new Map()) {
  const posts: Post[] = [];
  const queue = new SendQueue({
    post: (entry) => {
      const answer = deferred<Message>();
      posts.push({ entry, answer });
      return answer.promise;
    },
    transient: (error) => !(error instanceof ApiError) || error.transient,
    describe: (error) => (error instanceof ApiError ? error.code : "failed"),
    wait: () => Promise.resolve(),
    autoRetries: 1,
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) },
    storageKey: "outbox",
  });
  const sent: Message[] = [];
  queue.onSent((m) => sent.push(m));
  return { queue, posts, sent, storage };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};
const stored = (entry: OutgoingMessage, seq: number) => ({ id: `m${seq}`, seq, roomId: entry.roomId, content: entry.content, clientMessageId: entry.clientMessageId }) as Message;
const offline = () => new ApiError({ status: 0, code: "NETWORK_ERROR" });

describe("SendQueue", () => {
  it("posts a room's messages one at a time, in the order they were typed", async () => {
    const { queue, posts, sent } = setup();
    queue.send("r", "one");
    queue.send("r", "two");
    queue.send("r", "three");
    await settle();
    expect(posts.map((p) => p.entry.content)).toEqual(["one"]);
    posts[0]!.answer.resolve(stored(posts[0]!.entry, 1));
    await settle();
    expect(posts.map((p) => p.entry.content)).toEqual(["one", "two"]);
    posts[1]!.answer.resolve(stored(posts[1]!.entry, 2));
    await settle();
    posts[2]!.answer.resolve(stored(posts[2]!.entry, 3));
    await settle();
    expect(sent.map((m) => m.content)).toEqual(["one", "two", "three"]);
    expect(queue.getSnapshot()).toEqual([]);
  });

  it("runs the queues of different rooms side by side", async () => {
    const { queue, posts } = setup();
    queue.send("r1", "a");
    queue.send("r2", "b");
    await settle();
    expect(posts.map((p) => p.entry.roomId)).toEqual(["r1", "r2"]);
  });

  it("keeps a message the connection held back, with the ones after it, and resends them once, in order, with the same ids", async () => {
    const { queue, posts, storage } = setup();
    queue.send("r", "first");
    queue.send("r", "second");
    await settle();
    posts[0]!.answer.reject(offline());
    await settle();
    posts[1]!.answer.reject(offline()); // the automatic retry
    await settle();
    expect(queue.getSnapshot().map((m) => [m.content, m.status, m.resendable])).toEqual([
      ["first", "failed", true],
      ["second", "failed", true],
    ]);
    expect(JSON.parse(storage.get("outbox")!)).toHaveLength(2);
    const ids = queue.getSnapshot().map((m) => m.clientMessageId);
    queue.resume();
    await settle();
    expect(posts).toHaveLength(3);
    expect(posts[2]!.entry.clientMessageId).toBe(ids[0]);
    posts[2]!.answer.resolve(stored(posts[2]!.entry, 1));
    await settle();
    expect(posts[3]!.entry.clientMessageId).toBe(ids[1]);
    posts[3]!.answer.resolve(stored(posts[3]!.entry, 2));
    await settle();
    expect(queue.getSnapshot()).toEqual([]);
    expect(storage.has("outbox")).toBe(false);
  });

  it("leaves a refused message for Retry or Discard and goes on with the next", async () => {
    const { queue, posts } = setup();
    queue.send("r", "bad");
    queue.send("r", "good");
    await settle();
    posts[0]!.answer.reject(new ApiError({ status: 400, code: "VALIDATION_FAILED" }));
    await settle();
    expect(posts[1]!.entry.content).toBe("good");
    expect(queue.getSnapshot()[0]).toMatchObject({ status: "failed", error: "VALIDATION_FAILED", resendable: false });
    queue.resume();
    await settle();
    expect(posts).toHaveLength(2);
    queue.discard(queue.getSnapshot()[0]!.clientMessageId);
    expect(queue.getSnapshot().map((m) => m.content)).toEqual(["good"]);
  });

  it("picks up what an earlier page left unsent", async () => {
    const first = setup();
    first.queue.send("r", "typed before the reload"); // the page goes before the answer comes
    await settle();
    const again = setup(first.storage);
    expect(again.queue.getSnapshot().map((m) => m.content)).toEqual(["typed before the reload"]);
    again.queue.resume();
    await settle();
    expect(again.posts[0]!.entry.clientMessageId).toBe(first.posts[0]!.entry.clientMessageId);
  });
});

import type { KeyValueStorage } from "../api/http";
import type { Attachment, Message, Uuid } from "../api/types";
import {
  newClientMessageId,
  nextToSend,
  outboxReducer,
  parseOutbox,
  queuedFrom,
  type OutboxAction,
  type OutgoingMessage,
} from "./outbox";

export interface SendQueueOptions {
  post: (entry: OutgoingMessage) => Promise<Message>;
  /** Whether trying the same request again later may succeed (network trouble, overload). */
  transient: (error: unknown) => boolean;
  describe: (error: unknown) => string;
  /** How long to wait before automatic retry `attempt` (0-based). */
  backoffMs?: (error: unknown, attempt: number) => number;
  autoRetries?: number;
  /** Where unsent messages outlive the page (a reload, switching rooms); none in tests. */
  storage?: KeyValueStorage | null;
  storageKey?: string;
  wait?: (ms: number) => Promise<void>;
  now?: () => string;
}

/**
 * Every message this tab sends, in one queue per room: a room's messages are posted one at a time, in
 * the order they were typed, so the order typed is the order stored. A message that cannot be sent
 * stays, marked failed, until it is sent or discarded, whichever room is on screen; failures caused by
 * the connection are sent again when `resume()` says it is back. The queue outlives the page in
 * `storage`, and every post carries the message's clientMessageId, so a resend never doubles a message.
 */
export class SendQueue {
  private state: OutgoingMessage[];
  private readonly busy = new Set<Uuid>();
  private readonly listeners = new Set<() => void>();
  private readonly sentListeners = new Set<(message: Message) => void>();
  private readonly options: SendQueueOptions;

  constructor(options: SendQueueOptions) {
    this.options = options;
    this.state = parseOutbox(options.storage?.getItem(options.storageKey ?? "") ?? null);
  }

  getSnapshot = (): OutgoingMessage[] => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called with the server's message each time one is confirmed. */
  onSent(listener: (message: Message) => void): () => void {
    this.sentListeners.add(listener);
    return () => this.sentListeners.delete(listener);
  }

  send(roomId: Uuid, content: string, replyToMessageId: Uuid | null = null, attachments: Attachment[] = []): string {
    const message: OutgoingMessage = {
      clientMessageId: newClientMessageId(),
      roomId,
      content,
      replyToMessageId,
      attachments,
      status: "queued",
      error: null,
      resendable: false,
      queuedAt: this.options.now?.() ?? new Date().toISOString(),
    };
    // Messages held back by the connection go first: sending something new is trying again.
    this.requeue(this.state.filter((m) => m.roomId === roomId && m.resendable));
    this.dispatch({ type: "queued", message });
    void this.pump(roomId);
    return message.clientMessageId;
  }

  retry(clientMessageId: string): void {
    const entry = this.state.find((m) => m.clientMessageId === clientMessageId);
    if (!entry || entry.status !== "failed") return;
    this.requeue(this.state.filter((m) => m.clientMessageId === clientMessageId || (m.roomId === entry.roomId && m.resendable)));
    void this.pump(entry.roomId);
  }

  discard(clientMessageId: string): void {
    const entry = this.state.find((m) => m.clientMessageId === clientMessageId);
    this.dispatch({ type: "discarded", clientMessageId });
    if (entry) void this.pump(entry.roomId);
  }

  /** The connection is back (or the page just loaded): send what the connection held back, once. */
  resume(): void {
    this.requeue(this.state.filter((m) => m.resendable));
    for (const roomId of new Set(this.state.filter((m) => m.status === "queued").map((m) => m.roomId))) void this.pump(roomId);
  }

  /** Forgets every unsent message (logging out). */
  clear(): void {
    this.state = [];
    this.options.storage?.removeItem(this.options.storageKey ?? "");
    this.emit();
  }

  private requeue(entries: OutgoingMessage[]): void {
    if (entries.length > 0) this.dispatch({ type: "requeued", clientMessageIds: entries.map((m) => m.clientMessageId) });
  }

  private async pump(roomId: Uuid): Promise<void> {
    if (this.busy.has(roomId)) return;
    this.busy.add(roomId);
    try {
      for (let entry = nextToSend(this.state, roomId); entry; entry = nextToSend(this.state, roomId)) {
        await this.deliver(entry);
      }
    } finally {
      this.busy.delete(roomId);
    }
  }

  private async deliver(entry: OutgoingMessage): Promise<void> {
    const { transient, describe } = this.options;
    const retries = this.options.autoRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        const message = await this.options.post(entry);
        this.dispatch({ type: "confirmed", clientMessageId: entry.clientMessageId });
        for (const listener of this.sentListeners) listener(message);
        return;
      } catch (error) {
        if (!this.state.some((m) => m.clientMessageId === entry.clientMessageId)) return;
        const resendable = transient(error);
        if (resendable && attempt < retries) {
          await this.wait(this.options.backoffMs?.(error, attempt) ?? 800 * 2 ** attempt);
          continue;
        }
        // Held back by the connection, the messages typed after it wait with it, keeping their order.
        const held = resendable ? queuedFrom(this.state, entry.roomId, entry.clientMessageId) : [entry.clientMessageId];
        this.dispatch({ type: "failed", clientMessageIds: held, error: describe(error), resendable });
        return;
      }
    }
  }

  private wait(ms: number): Promise<void> {
    return this.options.wait?.(ms) ?? new Promise((resolve) => setTimeout(resolve, ms));
  }

  private dispatch(action: OutboxAction): void {
    const next = outboxReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    const { storage, storageKey } = this.options;
    if (storage && storageKey) {
      try {
        if (next.length === 0) storage.removeItem(storageKey);
        else storage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // Storage full or blocked: the queue still works for this page.
      }
    }
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

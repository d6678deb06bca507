import type { Attachment, Message, Uuid } from "../api/types";

/**
 * A message typed here but not yet confirmed by the server. It keeps its clientMessageId for every
 * retry, and the server answers a repeated id with the original message, so a retry never doubles it.
 *
 * `queued`: waiting its turn in the room's send queue (or being posted); `failed`: not sent, with the
 * reason. `resendable` failures (the network, an overloaded server) are sent again, once, when the
 * connection comes back; the others (the server refused the message) wait for Retry or Discard.
 */
export interface OutgoingMessage {
  clientMessageId: string;
  roomId: Uuid;
  content: string;
  replyToMessageId: Uuid | null;
  attachments: Attachment[];
  status: "queued" | "failed";
  error: string | null;
  resendable: boolean;
  queuedAt: string;
}

export type OutboxAction =
  | { type: "queued"; message: OutgoingMessage }
  | { type: "requeued"; clientMessageIds: readonly string[] }
  | { type: "failed"; clientMessageIds: readonly string[]; error: string; resendable: boolean }
  | { type: "confirmed"; clientMessageId: string }
  | { type: "discarded"; clientMessageId: string }
  | { type: "restored"; messages: readonly OutgoingMessage[] };

export function outboxReducer(state: OutgoingMessage[], action: OutboxAction): OutgoingMessage[] {
  switch (action.type) {
    case "queued":
      return state.some((m) => m.clientMessageId === action.message.clientMessageId) ? state : [...state, action.message];
    case "requeued": {
      const ids = new Set(action.clientMessageIds);
      return state.map((m) => (ids.has(m.clientMessageId) ? { ...m, status: "queued", error: null, resendable: false } : m));
    }
    case "failed": {
      const ids = new Set(action.clientMessageIds);
      return state.map((m) =>
        ids.has(m.clientMessageId) ? { ...m, status: "failed", error: action.error, resendable: action.resendable } : m,
      );
    }
    case "confirmed":
    case "discarded":
      return state.filter((m) => m.clientMessageId !== action.clientMessageId);
    case "restored":
      return action.messages.reduce((s, message) => outboxReducer(s, { type: "queued", message }), state);
  }
}

/**
 * The next message of a room to post, keeping the order typed: the first queued one, unless a
 * resendable failure comes before it (it goes first once the connection is back). A message the
 * server refused does not hold back the ones after it.
 */
export function nextToSend(state: readonly OutgoingMessage[], roomId: Uuid): OutgoingMessage | null {
  for (const m of state) {
    if (m.roomId !== roomId) continue;
    if (m.status === "queued") return m;
    if (m.resendable) return null;
  }
  return null;
}

/** The queued messages of a room from `clientMessageId` on (they fail with it, keeping their order). */
export function queuedFrom(state: readonly OutgoingMessage[], roomId: Uuid, clientMessageId: string): string[] {
  const start = state.findIndex((m) => m.clientMessageId === clientMessageId);
  if (start < 0) return [];
  return state.slice(start).filter((m) => m.roomId === roomId && m.status === "queued").map((m) => m.clientMessageId);
}

/** Outgoing messages the timeline does not show yet (a frame may confirm a send before its answer does). */
export function pendingOnly(outbox: readonly OutgoingMessage[], messages: readonly Message[]): OutgoingMessage[] {
  if (outbox.length === 0) return [];
  const confirmed = new Set(messages.map((m) => m.clientMessageId).filter(Boolean));
  return outbox.filter((m) => !confirmed.has(m.clientMessageId));
}

/** Reads a persisted outbox, dropping anything that is not a well-formed entry. */
export function parseOutbox(text: string | null): OutgoingMessage[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (m): m is OutgoingMessage =>
        typeof m === "object" && m !== null && typeof m.clientMessageId === "string" && typeof m.roomId === "string" &&
        typeof m.content === "string" && Array.isArray(m.attachments),
    );
  } catch {
    return [];
  }
}

export function newClientMessageId(): string {
  return `web-${crypto.randomUUID()}`;
}

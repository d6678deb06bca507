import type { Attachment, Message, Uuid } from "../api/types";

/**
 * Messages typed here but not yet confirmed by the server. Each keeps its clientMessageId for every
 * retry, and the server answers a repeated id with the original message, so a retry never doubles it.
 */
export interface OutgoingMessage {
  clientMessageId: string;
  roomId: Uuid;
  content: string;
  replyToMessageId: Uuid | null;
  attachments: Attachment[];
  status: "sending" | "failed";
  error: string | null;
  queuedAt: string;
}

export type OutboxAction =
  | { type: "queued"; message: OutgoingMessage }
  | { type: "retrying"; clientMessageId: string }
  | { type: "failed"; clientMessageId: string; error: string }
  | { type: "confirmed"; clientMessageId: string }
  | { type: "discarded"; clientMessageId: string };

export function outboxReducer(state: OutgoingMessage[], action: OutboxAction): OutgoingMessage[] {
  switch (action.type) {
    case "queued":
      return state.some((m) => m.clientMessageId === action.message.clientMessageId) ? state : [...state, action.message];
    case "retrying":
      return state.map((m) =>
        m.clientMessageId === action.clientMessageId ? { ...m, status: "sending", error: null } : m,
      );
    case "failed":
      return state.map((m) =>
        m.clientMessageId === action.clientMessageId ? { ...m, status: "failed", error: action.error } : m,
      );
    case "confirmed":
    case "discarded":
      return state.filter((m) => m.clientMessageId !== action.clientMessageId);
  }
}

/** Outgoing messages the timeline does not show yet (a frame may confirm a send before its answer does). */
export function pendingOnly(outbox: readonly OutgoingMessage[], messages: readonly Message[]): OutgoingMessage[] {
  if (outbox.length === 0) return [];
  const confirmed = new Set(messages.map((m) => m.clientMessageId).filter(Boolean));
  return outbox.filter((m) => !confirmed.has(m.clientMessageId));
}

export function newClientMessageId(): string {
  return `web-${crypto.randomUUID()}`;
}

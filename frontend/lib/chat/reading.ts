import type { Message, MessagePage, Uuid } from "../api/types";

/** Whether the page holds the first message after `lastRead` (or nothing older is left to read). */
export function reachesFirstUnread(page: MessagePage, lastRead: number): boolean {
  const oldest = page.items[0];
  return page.nextCursor === null || !oldest || oldest.seq <= lastRead + 1;
}

/** The seq of the first message someone else wrote after `lastRead`; null when everything is read. */
export function firstUnreadSeq(messages: readonly Message[], lastRead: number, me: Uuid): number | null {
  return messages.find((m) => m.seq > lastRead && m.senderId !== me)?.seq ?? null;
}

/** Messages by others after `seenSeq`: what the "N new messages" button counts. */
export function unseenCount(messages: readonly Message[], seenSeq: number, me: Uuid): number {
  let count = 0;
  for (let i = messages.length - 1; i >= 0 && messages[i]!.seq > seenSeq; i--) {
    if (messages[i]!.senderId !== me && !messages[i]!.deleted) count += 1;
  }
  return count;
}

/**
 * The newest message whose element shows in the scroller's viewport, by seq: what a read receipt may
 * claim was seen. `elements` are the message elements in order, each with `data-seq`.
 */
export function newestVisibleSeq(elements: readonly Element[], viewport: { top: number; bottom: number }): number {
  for (let i = elements.length - 1; i >= 0; i--) {
    const rect = elements[i]!.getBoundingClientRect();
    if (rect.bottom <= viewport.top) return 0;
    if (rect.top < viewport.bottom - 8 && rect.bottom > viewport.top) {
      const seq = Number(elements[i]!.getAttribute("data-seq"));
      if (Number.isFinite(seq) && seq > 0) return seq;
    }
  }
  return 0;
}

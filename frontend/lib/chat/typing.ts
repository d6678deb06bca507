import type { RoomFrame, TypingFrame, Uuid } from "../api/types";

/** How long a typing notice holds without renewal (the API's rule). */
export const TYPING_TTL_MS = 5000;
/** How often a person who keeps typing renews their notice. */
export const TYPING_RENEW_MS = 2500;

export interface Typist {
  userId: Uuid;
  username: string;
  /** Local clock, ms: the notice is dropped after this unless renewed. */
  until: number;
}

/**
 * Applies a `typing` frame. Expiry is counted on this client's clock from when the frame arrived (never
 * later than the TTL), so a skewed server clock cannot keep a notice up or drop it at once.
 */
export function applyTyping(typists: readonly Typist[], frame: TypingFrame, now: number, me: Uuid | null): Typist[] {
  const { userId, username, typing } = frame.data;
  const others = typists.filter((t) => t.userId !== userId);
  if (!typing || userId === me) return others;
  return [...others, { userId, username, until: now + TYPING_TTL_MS }];
}

/**
 * A posted message ends its sender's notice at once: their `typing:false` may reach the server after the
 * last `typing:true` (it handles a session's frames on several threads), and would then come too late.
 */
export function applyRoomSignal(typists: readonly Typist[], frame: TypingFrame | RoomFrame, now: number, me: Uuid | null): Typist[] {
  if (frame.type === "typing") return applyTyping(typists, frame, now, me);
  if (frame.type === "message.posted") {
    const sender = frame.data.senderId;
    return typists.some((t) => t.userId === sender) ? typists.filter((t) => t.userId !== sender) : (typists as Typist[]);
  }
  return typists as Typist[];
}

export function activeTypists(typists: readonly Typist[], now: number): Typist[] {
  return typists.filter((t) => t.until > now);
}

/** "Bob is typing…", "Bob and Carol are typing…", "Bob, Carol and 2 others are typing…". */
export function typingLabel(names: readonly string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  const rest = names.length - 2;
  return `${names[0]}, ${names[1]} and ${rest} other${rest === 1 ? "" : "s"} are typing…`;
}

/**
 * Decides when to tell the room that this person is typing: at the first keystroke, then at most once
 * per `renewMs` while they keep typing; `reset` after sending so the next message announces itself again.
 */
export function typingThrottle(renewMs = TYPING_RENEW_MS) {
  let last = Number.NEGATIVE_INFINITY;
  return {
    shouldSend(now: number): boolean {
      if (now - last < renewMs) return false;
      last = now;
      return true;
    },
    reset(): void {
      last = Number.NEGATIVE_INFINITY;
    },
    /** Whether a notice sent earlier may still be showing on others' screens. */
    announced(now: number): boolean {
      return now - last < TYPING_TTL_MS;
    },
  };
}

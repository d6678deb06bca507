import type { RoomFrame, TypingFrame, Uuid } from "../api/types";

/** Typing frames, and the room frames that end a typing notice (a posted message). */
export type RoomSignal = TypingFrame | RoomFrame;
type Listener = (frame: RoomSignal) => void;

/**
 * Hands a room's ephemeral frames (typing) from the one subscription that receives them to whoever shows
 * them, so a second SUBSCRIBE to the same room is never needed.
 */
export class RoomSignals {
  private readonly byRoom = new Map<Uuid, Set<Listener>>();

  on(roomId: Uuid, listener: Listener): () => void {
    const set = this.byRoom.get(roomId) ?? new Set<Listener>();
    set.add(listener);
    this.byRoom.set(roomId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byRoom.delete(roomId);
    };
  }

  emit(frame: RoomSignal): void {
    for (const listener of this.byRoom.get(frame.roomId) ?? []) listener(frame);
  }
}

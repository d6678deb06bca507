import type { Uuid } from "../api/types";

/**
 * Rooms this page knows exist for the caller: listed, just created, or just joined. A read of such a room
 * that answers 404 or 403 may be the read model catching up and is worth retrying; any other room that
 * answers 404 does not exist, and the person is told at once.
 */
const known = new Set<Uuid>();

export function rememberRooms(roomIds: Iterable<Uuid>): void {
  for (const id of roomIds) known.add(id);
}

export function isKnownRoom(roomId: Uuid): boolean {
  return known.has(roomId);
}

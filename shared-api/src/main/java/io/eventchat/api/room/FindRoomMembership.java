package io.eventchat.api.room;

import java.util.UUID;

/**
 * Whether the room exists and {@code userId} belongs to it, as the command side decides it now (never a lagging
 * read model): the gate of every read of a room.
 */
public record FindRoomMembership(UUID roomId, UUID userId) {
}

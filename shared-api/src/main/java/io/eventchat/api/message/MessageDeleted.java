package io.eventchat.api.message;

import io.eventchat.api.room.RoomEvent;

import java.time.Instant;
import java.util.UUID;

/** A message was soft-deleted by its author or a moderator; it keeps its place. */
public record MessageDeleted(UUID roomId, long seq, UUID messageId, UUID by, Instant at)
        implements RoomEvent {
}

package io.eventchat.api.message;

import io.eventchat.api.room.RoomEvent;

import java.time.Instant;
import java.util.UUID;

/** The author restored a deleted message. */
public record MessageRestored(UUID roomId, long seq, UUID messageId, UUID by, Instant at)
        implements RoomEvent {
}

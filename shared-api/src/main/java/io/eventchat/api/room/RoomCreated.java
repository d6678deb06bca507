package io.eventchat.api.room;

import java.time.Instant;
import java.util.UUID;

/** A room came to be; always the room's event with {@code seq} 1. */
public record RoomCreated(UUID roomId, long seq, String name, RoomType type, UUID createdBy, Instant at)
        implements RoomEvent {
}

package io.eventchat.api.room;

import java.time.Instant;
import java.util.UUID;

/** The room got a new name. */
public record RoomRenamed(UUID roomId, long seq, String name, UUID by, Instant at)
        implements RoomEvent {
}

package io.eventchat.api.room;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The room was deleted: nothing of it is readable any more; its events stay. Names the participants it had, so
 * each can be told.
 */
public record RoomDeleted(UUID roomId, long seq, UUID by, Set<UUID> participantIds, Instant at)
        implements RoomEvent {
}

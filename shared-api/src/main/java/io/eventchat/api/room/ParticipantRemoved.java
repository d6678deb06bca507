package io.eventchat.api.room;

import java.time.Instant;
import java.util.UUID;

/** A participant left ({@code by} is themselves) or was removed. */
public record ParticipantRemoved(UUID roomId, long seq, UUID userId, UUID by, Instant at)
        implements RoomEvent {
}

package io.eventchat.api.room;

import java.time.Instant;
import java.util.UUID;

/** A user became a participant of the room with the given role. */
public record ParticipantAdded(UUID roomId, long seq, UUID userId, ParticipantRole role, UUID addedBy, Instant at)
        implements RoomEvent {
}

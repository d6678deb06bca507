package io.eventchat.api.room;

import java.time.Instant;
import java.util.UUID;

/** A participant's role in the room changed (also when ownership passes on). */
public record ParticipantRoleChanged(UUID roomId, long seq, UUID userId, ParticipantRole role, UUID by, Instant at)
        implements RoomEvent {
}

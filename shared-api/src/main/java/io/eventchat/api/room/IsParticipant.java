package io.eventchat.api.room;

import java.util.UUID;

/** Whether {@code userId} currently belongs to the room (read side). */
public record IsParticipant(UUID roomId, UUID userId) {
}

package io.eventchat.api.room;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A room with its participants. */
public record RoomDetails(UUID id, String name, RoomType type, Instant createdAt, UUID createdBy,
                          List<ParticipantView> participants, long lastSeq) {
}

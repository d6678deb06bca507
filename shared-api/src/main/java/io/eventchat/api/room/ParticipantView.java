package io.eventchat.api.room;

import java.time.Instant;
import java.util.UUID;

/** A participant of a room; {@code lastReadSeq} is how far they have read. */
public record ParticipantView(UUID userId, String username, ParticipantRole role, Instant joinedAt, boolean online,
                              long lastReadSeq) {
}

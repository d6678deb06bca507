package io.eventchat.api.room;

import io.eventchat.api.user.Role;

import java.time.Instant;
import java.util.UUID;

/** The room as it was at instant {@code asOf}, or right after event {@code atSeq} (one of the two). */
public record FindRoomStateAt(UUID roomId, UUID requesterId, Role requesterRole, Instant asOf, Long atSeq) {
}

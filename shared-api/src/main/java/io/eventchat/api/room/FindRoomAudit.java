package io.eventchat.api.room;

import io.eventchat.api.user.Role;

import java.util.UUID;

/** A room's stored events after seq {@code after}, for a participant or an app MODERATOR/ADMIN. */
public record FindRoomAudit(UUID roomId, UUID requesterId, Role requesterRole, long after, int limit) {
}

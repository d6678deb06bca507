package io.eventchat.api.room;

import java.util.UUID;

/** The participants of a room, for a participant. */
public record FindParticipants(UUID roomId, UUID requesterId) {
}

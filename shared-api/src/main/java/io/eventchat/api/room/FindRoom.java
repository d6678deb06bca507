package io.eventchat.api.room;

import java.util.UUID;

/** One room, for a participant. */
public record FindRoom(UUID roomId, UUID requesterId) {
}

package io.eventchat.api.message;

import java.util.UUID;

/** The latest 50 messages of a room, oldest first, for a participant. */
public record FindRecentMessages(UUID roomId, UUID requesterId) {
}

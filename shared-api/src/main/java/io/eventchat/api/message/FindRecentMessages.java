package io.eventchat.api.message;

import java.util.UUID;

/** The latest 50 messages of a room, oldest first, for a participant; answered with a {@link RenderedPage}. */
public record FindRecentMessages(UUID roomId, UUID requesterId) {
}

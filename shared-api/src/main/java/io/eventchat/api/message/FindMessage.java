package io.eventchat.api.message;

import java.util.UUID;

/** One message, for a participant of its room. */
public record FindMessage(UUID messageId, UUID requesterId) {
}

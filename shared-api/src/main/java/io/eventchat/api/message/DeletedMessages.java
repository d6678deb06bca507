package io.eventchat.api.message;

import java.util.Set;
import java.util.UUID;

/** The answer to {@link FindDeletedMessages}. */
public record DeletedMessages(Set<UUID> messageIds) {

    public DeletedMessages {
        messageIds = Set.copyOf(messageIds);
    }
}

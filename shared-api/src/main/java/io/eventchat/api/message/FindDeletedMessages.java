package io.eventchat.api.message;

import java.util.UUID;

/**
 * The messages of a room that are deleted now, as the command side decides it; answered with
 * {@link DeletedMessages}. What a plain participant reads of a room's history hides their content.
 */
public record FindDeletedMessages(UUID roomId) {
}

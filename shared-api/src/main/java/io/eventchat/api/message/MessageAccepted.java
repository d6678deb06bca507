package io.eventchat.api.message;

import java.time.Instant;
import java.util.UUID;

/**
 * The room's answer to {@link PostMessage}: the message's identity and place. {@code duplicate} is true when the
 * command was a retry of an earlier post with the same {@code clientMessageId}, which is answered instead.
 */
public record MessageAccepted(UUID messageId, long seq, Instant at, boolean duplicate) {
}

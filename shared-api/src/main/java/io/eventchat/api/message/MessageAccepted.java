package io.eventchat.api.message;

import io.eventchat.api.attachment.AttachmentRef;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The room's answer to {@link PostMessage}: the message's identity and place. {@code duplicate} is true when the
 * command was a retry of an earlier post with the same {@code clientMessageId}, which is answered instead (its
 * {@code attachments} are then empty: the caller reads the original message).
 */
public record MessageAccepted(UUID messageId, long seq, Instant at, boolean duplicate,
                              List<AttachmentRef> attachments) {
}

package io.eventchat.api.message;

import io.eventchat.api.attachment.AttachmentView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as the read side shows it. {@code content} is null and {@code attachments} empty when the message is
 * deleted.
 */
public record MessageView(UUID id, UUID roomId, long seq, UUID senderId, String senderUsername, String content,
                          Instant createdAt, Instant editedAt, boolean deleted, List<AttachmentView> attachments,
                          UUID replyToMessageId,
                          String clientMessageId) {

    /** This message as it shows once deleted: no content, no attachments. */
    public MessageView redacted() {
        if (!deleted) {
            return this;
        }
        return new MessageView(id, roomId, seq, senderId, senderUsername, null, createdAt, editedAt, true, List.of(),
                replyToMessageId, clientMessageId);
    }
}

package io.eventchat.query.message;

import io.eventchat.api.attachment.AttachmentRef;
import io.eventchat.api.attachment.AttachmentView;
import io.eventchat.api.message.MessageView;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message row with its sender's name, as the history queries read it; {@code attachments} is the JSON the
 * projection stored from the event (null when there are none).
 */
public record MessageRow(UUID id, UUID roomId, long seq, UUID senderId, String senderUsername, String content,
                  Instant createdAt, Instant editedAt, boolean deleted, UUID replyToMessageId, String clientMessageId,
                  String attachments) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<AttachmentRef>> REFS = new TypeReference<>() {
    };

    /** The message as readers see it: a deleted one without its content and attachments. */
    public MessageView view() {
        return new MessageView(id, roomId, seq, senderId, senderUsername, content, createdAt, editedAt, deleted,
                attachmentViews(attachments), replyToMessageId, clientMessageId).redacted();
    }

    static List<AttachmentView> attachmentViews(String json) {
        if (json == null) {
            return List.of();
        }
        return JSON.readValue(json, REFS).stream().map(AttachmentView::of).toList();
    }

    static String json(List<AttachmentRef> attachments) {
        return attachments == null || attachments.isEmpty() ? null : JSON.writeValueAsString(attachments);
    }
}

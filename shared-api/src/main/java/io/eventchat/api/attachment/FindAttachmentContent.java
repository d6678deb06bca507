package io.eventchat.api.attachment;

import java.util.UUID;

/**
 * Where an attachment's bytes are stored, for someone who may read them. Answers {@code ATTACHMENT_GONE} when the
 * message it was posted with is deleted (or its room is).
 */
public record FindAttachmentContent(UUID attachmentId, UUID requesterId) {
}

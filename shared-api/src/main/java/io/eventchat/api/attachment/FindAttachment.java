package io.eventchat.api.attachment;

import java.util.UUID;

/** An attachment's metadata, for its uploader or a participant of a room where it was posted. */
public record FindAttachment(UUID attachmentId, UUID requesterId) {
}

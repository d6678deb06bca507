package io.eventchat.api.attachment;

import java.util.List;

/**
 * A page of a room's attachments, newest first; {@code nextCursor} is the message seq to continue from with
 * {@code before}, or null when there are no older ones.
 */
public record AttachmentList(List<AttachmentDetails> items, Long nextCursor) {
}

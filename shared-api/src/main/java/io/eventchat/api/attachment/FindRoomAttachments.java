package io.eventchat.api.attachment;

import java.util.UUID;

/**
 * The attachments posted in a room with messages that are not deleted, newest first, those of messages before seq
 * {@code before} (null: from the newest). {@code type} filters by a full content type ({@code application/pdf}) or
 * its top-level part ({@code image}); null means all.
 */
public record FindRoomAttachments(UUID roomId, UUID requesterId, String type, Long before, int limit) {
}

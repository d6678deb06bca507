package io.eventchat.api.attachment;

import java.util.UUID;

/** How many attachments a room holds, and how many bytes, by content type. */
public record FindRoomAttachmentStats(UUID roomId, UUID requesterId) {
}

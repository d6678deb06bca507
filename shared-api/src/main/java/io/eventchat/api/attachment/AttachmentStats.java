package io.eventchat.api.attachment;

import java.util.List;
import java.util.UUID;

/** A room's attachments counted: in all, and by content type (largest first). */
public record AttachmentStats(UUID roomId, long count, long bytes, List<TypeStats> byType) {

    public record TypeStats(String contentType, long count, long bytes) {
    }
}

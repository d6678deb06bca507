package io.eventchat.api.attachment;

import java.time.Instant;
import java.util.UUID;

/**
 * An attachment's metadata: who uploaded it and when, and where it was posted ({@code roomId}, {@code messageId} and
 * {@code postedAt} are null while it is not attached to a message).
 */
public record AttachmentDetails(UUID id, String fileName, String contentType, long size, String sha256, String url,
                                UUID uploaderId, Instant uploadedAt, UUID roomId, UUID messageId, Instant postedAt) {
}

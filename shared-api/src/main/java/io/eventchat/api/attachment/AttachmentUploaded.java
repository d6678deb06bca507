package io.eventchat.api.attachment;

import java.time.Instant;
import java.util.UUID;

/** A file was uploaded; it belongs to its uploader until a message of theirs links it. */
public record AttachmentUploaded(UUID attachmentId, UUID uploaderId, String fileName, String contentType, long size,
                                 String sha256, String storageKey, Instant at) {

    public AttachmentRef ref() {
        return new AttachmentRef(attachmentId, fileName, contentType, size, sha256);
    }
}

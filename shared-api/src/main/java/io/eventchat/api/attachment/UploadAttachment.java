package io.eventchat.api.attachment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/**
 * Records a file that is already stored under {@code storageKey}: its checked type, size and content hash, and the
 * uploader's file name, sanitized.
 */
public record UploadAttachment(@TargetAggregateIdentifier UUID attachmentId, UUID uploaderId, String fileName,
                               String contentType, long size, String sha256, String storageKey, Instant at) {
}

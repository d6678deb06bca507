package io.eventchat.api.attachment;

import java.util.UUID;

/**
 * An attachment as a message event carries it: enough to show and fetch the file without looking anything up, so
 * every projection (and the room as it was at any instant) has it from the event alone.
 */
public record AttachmentRef(UUID id, String fileName, String contentType, long size, String sha256) {
}

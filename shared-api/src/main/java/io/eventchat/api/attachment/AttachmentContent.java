package io.eventchat.api.attachment;

/** An attachment's metadata and the storage key of its bytes. */
public record AttachmentContent(AttachmentDetails details, String storageKey) {
}

package io.eventchat.api.attachment;

import java.util.UUID;

/** An attachment as a message shows it; {@code url} is where its bytes are served. */
public record AttachmentView(UUID id, String fileName, String contentType, long size, String sha256, String url) {

    public static AttachmentView of(AttachmentRef ref) {
        return new AttachmentView(ref.id(), ref.fileName(), ref.contentType(), ref.size(), ref.sha256(),
                contentUrl(ref.id()));
    }

    public static String contentUrl(UUID attachmentId) {
        return "/api/attachments/" + attachmentId + "/content";
    }
}

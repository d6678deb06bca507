package io.eventchat.gateway.attachment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;

/**
 * Where uploads are stored ({@code CHAT_ATTACHMENTS_DIR}, created at start-up) and how large one may be. The
 * multipart limits in application.yml follow {@code maxSize}; the storage enforces it again on the bytes it
 * actually receives, whatever the request declared.
 */
@ConfigurationProperties("chat.attachments")
public record AttachmentProperties(Path dir, DataSize maxSize) {
}

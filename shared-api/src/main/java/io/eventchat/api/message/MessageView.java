package io.eventchat.api.message;

import java.time.Instant;
import java.util.UUID;

/** A message as the read side shows it. {@code content} is null when the message is deleted. */
public record MessageView(UUID id, UUID roomId, long seq, UUID senderId, String senderUsername, String content,
                          Instant createdAt, Instant editedAt, boolean deleted, UUID replyToMessageId,
                          String clientMessageId) {
}

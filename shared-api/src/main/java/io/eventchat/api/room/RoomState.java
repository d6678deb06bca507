package io.eventchat.api.room;

import io.eventchat.api.attachment.AttachmentView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A room rebuilt from its events up to a point: {@code seq} is the last event applied, {@code at} its instant. */
public record RoomState(UUID id, String name, RoomType type, boolean deleted, long seq, Instant at,
                        List<Participant> participants, List<Message> messages) {

    public record Participant(UUID userId, ParticipantRole role) {
    }

    /** A message with the content it had then; null content when it was deleted then. */
    public record Message(UUID id, long seq, UUID senderId, String content, Instant createdAt, Instant editedAt,
                          boolean deleted, UUID replyToMessageId, List<AttachmentView> attachments) {
    }
}

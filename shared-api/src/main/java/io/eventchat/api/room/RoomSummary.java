package io.eventchat.api.room;

import io.eventchat.api.message.MessageView;
import java.time.Instant;
import java.util.UUID;

/** A room in the caller's list: DIRECT rooms are named after the other participant. */
public record RoomSummary(UUID id, String name, RoomType type, int participantCount, MessageView lastMessage,
                          long unreadCount, long lastSeq, Instant lastActivityAt) {
}

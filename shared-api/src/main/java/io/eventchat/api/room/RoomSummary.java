package io.eventchat.api.room;

import io.eventchat.api.message.MessageView;
import java.time.Instant;
import java.util.UUID;

/**
 * A room in the caller's list: DIRECT rooms are named after the other participant, {@code peerId} is that
 * participant and {@code online} whether they are connected now (both null for GROUP rooms).
 */
public record RoomSummary(UUID id, String name, RoomType type, int participantCount, MessageView lastMessage,
                          long unreadCount, long lastSeq, Instant lastActivityAt, UUID peerId, Boolean online) {

    public RoomSummary withOnline(Boolean now) {
        return new RoomSummary(id, name, type, participantCount, lastMessage, unreadCount, lastSeq, lastActivityAt,
                peerId, now);
    }
}

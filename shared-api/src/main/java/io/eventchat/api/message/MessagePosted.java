package io.eventchat.api.message;

import io.eventchat.api.room.RoomEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message was posted; {@code seq} is the room's sequence number of this event. */
public record MessagePosted(UUID roomId, long seq, UUID messageId, UUID senderId, String content,
                            String clientMessageId,
                            UUID replyToMessageId, List<UUID> attachmentIds, Instant at)
        implements RoomEvent {
}

package io.eventchat.api.room;

import java.time.Instant;
import java.util.UUID;

/** A participant has read the room up to {@code upToSeq}. */
public record ReadReceiptRecorded(UUID roomId, long seq, UUID userId, long upToSeq, Instant at)
        implements RoomEvent {
}

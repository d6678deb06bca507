package io.eventchat.api.message;

import io.eventchat.api.room.RoomEvent;

import java.time.Instant;
import java.util.UUID;

/** The author changed a message's content. */
public record MessageEdited(UUID roomId, long seq, UUID messageId, UUID editorId, String content, Instant at)
        implements RoomEvent {
}

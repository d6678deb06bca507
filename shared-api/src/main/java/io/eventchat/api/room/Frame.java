package io.eventchat.api.room;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A push frame of a room: {@code type} says what happened, {@code seq} is the room event's seq (null for typing and presence). */
public record Frame(String type, UUID roomId, Long seq, Instant at, Map<String, Object> data) {
}

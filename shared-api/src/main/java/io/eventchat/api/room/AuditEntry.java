package io.eventchat.api.room;

import java.time.Instant;
import java.util.Map;

/** One stored event of a room: its seq, its type, when and by whom, and its payload. */
public record AuditEntry(long seq, String type, Instant at, String actorId, Map<String, Object> data) {
}

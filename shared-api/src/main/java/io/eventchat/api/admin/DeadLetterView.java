package io.eventchat.api.admin;

import java.time.Instant;

/**
 * One parked event: the processing group that could not handle it, the sequence it blocks (a room or user id; later
 * events of that sequence wait behind it, other sequences flow on), the event and why it failed.
 */
public record DeadLetterView(String id, String processingGroup, String sequenceId, String eventType, String eventId,
                             Long globalIndex, Instant enqueuedAt, Instant lastTouched, String causeType,
                             String causeMessage) {
}

package io.eventchat.api.admin;

/**
 * Hand a processing group's parked events to its handlers again, sequence by sequence, oldest first; a sequence
 * whose first event still fails stays parked. Rejected with {@code PROJECTION_NOT_FOUND} for an unknown group.
 */
public record RetryDeadLetters(String processingGroup) {
}

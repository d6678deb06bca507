package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/** A user was removed from the owner's contacts. */
public record ContactRemoved(UUID userId, UUID contactId, Instant at) {
}

package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/** A user was added to the owner's contacts. */
public record ContactAdded(UUID userId, UUID contactId, Instant at) {
}

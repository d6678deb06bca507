package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/** The public display name changed. */
public record DisplayNameChanged(UUID userId, Sealed displayName, Instant at) {
}

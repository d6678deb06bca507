package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/** The password was changed (the hash is not part of the event). */
public record PasswordChanged(UUID userId, Instant at) {
}

package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/** The account was deactivated. */
public record UserDeactivated(UUID userId, UUID by, Instant at) {
}

package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/** The account's application role changed. */
public record RoleChanged(UUID userId, Role role, UUID by, Instant at) {
}

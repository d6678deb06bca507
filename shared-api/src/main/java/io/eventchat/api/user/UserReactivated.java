package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/** The account was reactivated. */
public record UserReactivated(UUID userId, UUID by, Instant at) {
}

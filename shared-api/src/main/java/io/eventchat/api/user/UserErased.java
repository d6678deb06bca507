package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/** The account's personal data was erased; sealed values of this user no longer open. */
public record UserErased(UUID userId, UUID by, Instant at) {
}

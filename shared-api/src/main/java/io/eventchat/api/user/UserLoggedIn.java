package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/** The account's owner logged in. */
public record UserLoggedIn(UUID userId, Instant at) {
}

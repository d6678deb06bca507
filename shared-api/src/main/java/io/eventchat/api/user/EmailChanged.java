package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/** The account's email address changed; the address itself stays in the account registry. */
public record EmailChanged(UUID userId, Instant at) {
}

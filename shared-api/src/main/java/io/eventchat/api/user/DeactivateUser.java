package io.eventchat.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;
import java.util.UUID;

/** Deactivates an account, by its owner or an admin; it can no longer log in. */
public record DeactivateUser(@TargetAggregateIdentifier UUID userId, UUID by, Instant at) {
}

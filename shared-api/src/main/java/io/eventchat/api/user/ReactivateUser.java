package io.eventchat.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;
import java.util.UUID;

/** An admin reactivates an account. */
public record ReactivateUser(@TargetAggregateIdentifier UUID userId, UUID by, Instant at) {
}

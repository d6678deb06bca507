package io.eventchat.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;
import java.util.UUID;

/** An admin sets an account's application role. */
public record ChangeRole(@TargetAggregateIdentifier UUID userId, Role role, UUID by, Instant at) {
}

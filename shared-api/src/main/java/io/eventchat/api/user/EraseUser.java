package io.eventchat.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;
import java.util.UUID;

/** Erases a deactivated account's personal data: its key is destroyed, its email blanked. */
public record EraseUser(@TargetAggregateIdentifier UUID userId, UUID by, Instant at) {
}

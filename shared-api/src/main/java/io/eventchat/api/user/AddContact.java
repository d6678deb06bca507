package io.eventchat.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;
import java.util.UUID;

/** Adds {@code contactId} to the caller's contacts; adding one already there changes nothing. */
public record AddContact(@TargetAggregateIdentifier UUID userId, UUID contactId, Instant at) {
}

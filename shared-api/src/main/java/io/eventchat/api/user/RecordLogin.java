package io.eventchat.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** Records a successful password check for the account. */
public record RecordLogin(@TargetAggregateIdentifier UUID userId, Instant at) {
}

package io.eventchat.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;
import java.util.UUID;

/** Removes {@code contactId} from the caller's contacts; removing one not there changes nothing. */
public record RemoveContact(@TargetAggregateIdentifier UUID userId, UUID contactId, Instant at) {
}

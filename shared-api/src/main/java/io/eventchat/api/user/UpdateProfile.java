package io.eventchat.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;
import java.util.UUID;

/** Changes the caller's display name and/or email; null leaves a field as it is. */
public record UpdateProfile(@TargetAggregateIdentifier UUID userId, String displayName, String email, Instant at) {
}

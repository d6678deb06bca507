package io.eventchat.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** Replaces the password hash (computed by the gateway); the hash never goes into an event. */
public record ChangePassword(@TargetAggregateIdentifier UUID userId, String passwordHash, Instant at) {

    @Override
    public String toString() {
        return "ChangePassword[userId=" + userId + ", at=" + at + "]";
    }
}

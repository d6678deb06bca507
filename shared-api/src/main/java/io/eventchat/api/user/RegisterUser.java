package io.eventchat.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/**
 * Registers an account. The password arrives already hashed by the gateway; the hash is kept in the account
 * registry only and never goes into an event.
 */
public record RegisterUser(@TargetAggregateIdentifier UUID userId, String username, String email,
                           String displayName, String passwordHash, Role role, Instant at) {

    @Override
    public String toString() {
        return "RegisterUser[userId=" + userId + ", username=" + username + ", role=" + role + ", at=" + at + "]";
    }
}

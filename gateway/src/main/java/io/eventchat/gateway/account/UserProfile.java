package io.eventchat.gateway.account;

import io.eventchat.api.user.Account;
import io.eventchat.api.user.Role;

import java.time.Instant;
import java.util.UUID;

/** A user's own profile (and what admins see of an account): never a password hash. */
public record UserProfile(UUID id, String username, String email, String displayName, Role role, boolean active,
                          Instant createdAt, Instant lastLoginAt) {

    public static UserProfile of(Account account) {
        return new UserProfile(account.userId(), account.username(), account.email(), account.displayName(),
                account.role(), account.active(), account.createdAt(), account.lastLoginAt());
    }
}

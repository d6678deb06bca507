package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/** The authoritative account record, as the command side keeps it. Only the gateway's login sees the hash. */
public record Account(UUID userId, String username, String email, String displayName, Role role, boolean active,
                      String passwordHash, Instant createdAt, Instant lastLoginAt) {

    @Override
    public String toString() {
        return "Account[userId=" + userId + ", username=" + username + ", role=" + role + ", active=" + active + "]";
    }
}

package io.eventchat.api.access;

import java.util.Set;
import java.util.UUID;

/**
 * Ends logins of a user (refresh token families, whose ids the access tokens carry as {@code sid}): their access
 * tokens are refused on every node before the command answers, though they have not expired. The gateway sends it
 * once it has revoked the logins' refresh tokens: on logout, on a password change, on a replayed refresh token.
 */
public record EndLogins(UUID userId, Set<UUID> loginIds) {

    public EndLogins {
        loginIds = Set.copyOf(loginIds);
    }
}

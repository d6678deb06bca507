package io.eventchat.gateway.identity;

import io.eventchat.api.user.Role;

import java.util.UUID;

/**
 * The authenticated caller, as the access token names them. {@code loginId} is the login the token was issued to (its
 * refresh token family, the token's {@code sid}); null for a token that names none.
 */
public record CurrentUser(UUID id, String username, Role role, UUID loginId) {

    public CurrentUser(UUID id, String username, Role role) {
        this(id, username, role, null);
    }
}

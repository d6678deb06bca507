package io.eventchat.gateway.security;

import io.eventchat.api.user.Role;

import java.util.UUID;

/** The authenticated caller, as the access token names them. */
public record CurrentUser(UUID id, String username, Role role) {
}

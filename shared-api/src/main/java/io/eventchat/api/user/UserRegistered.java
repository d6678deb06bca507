package io.eventchat.api.user;

import java.time.Instant;
import java.util.UUID;

/**
 * An account was created. Carries the public handle and the sealed display name; never the email address or any
 * credential, which stay in the command side's mutable account registry.
 */
public record UserRegistered(UUID userId, String username, Sealed displayName, Role role, Instant at) {
}

package io.eventchat.api.user;

import java.util.UUID;

/** One user's public profile; empty for unknown or deactivated users. */
public record FindPublicProfile(UUID userId) {
}

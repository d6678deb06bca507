package io.eventchat.api.user;

import java.util.UUID;

/** What any user may see of another. */
public record PublicProfile(UUID id, String username, String displayName, boolean online) {
}

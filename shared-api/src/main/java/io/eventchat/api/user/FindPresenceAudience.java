package io.eventchat.api.user;

import java.util.UUID;

/** Who is told when {@code userId} comes online or goes offline: their contacts' owners and their rooms' members. */
public record FindPresenceAudience(UUID userId) {
}

package io.eventchat.api.user;

import java.util.UUID;

/** What decides, on every request, whether an account may act and with which role. */
public record AccountStatus(UUID userId, Role role, boolean active) {
}

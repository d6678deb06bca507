package io.eventchat.api.user;

import java.util.Map;
import java.util.UUID;

/** Online flags by user id. */
public record Presence(Map<UUID, Boolean> online) {
}

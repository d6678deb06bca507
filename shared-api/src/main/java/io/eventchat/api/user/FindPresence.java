package io.eventchat.api.user;

import java.util.Set;
import java.util.UUID;

/** Which of these users are online now. */
public record FindPresence(Set<UUID> userIds) {
}

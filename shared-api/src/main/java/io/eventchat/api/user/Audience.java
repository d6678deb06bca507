package io.eventchat.api.user;

import java.util.Set;
import java.util.UUID;

/** A set of users to tell something. */
public record Audience(Set<UUID> userIds) {
}

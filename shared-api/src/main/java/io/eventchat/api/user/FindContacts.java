package io.eventchat.api.user;

import java.util.UUID;

/** The contacts of a user, as public profiles. */
public record FindContacts(UUID userId) {
}

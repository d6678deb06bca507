package io.eventchat.api.user;

import java.util.UUID;

/** Looks an account up by id in the account registry. */
public record FindAccountById(UUID userId) {
}

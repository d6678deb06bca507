package io.eventchat.api.user;

import java.util.UUID;

/** Opens a value sealed with a user's key; empty once that user has been erased. */
public record UnsealPersonalData(UUID userId, Sealed sealed) {
}

package io.eventchat.api.user;

import java.util.UUID;

/** The current role and active flag of an account, from the account registry; empty for an unknown id. */
public record FindAccountStatus(UUID userId) {
}

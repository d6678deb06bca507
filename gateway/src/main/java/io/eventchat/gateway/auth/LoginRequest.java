package io.eventchat.gateway.auth;

import io.eventchat.gateway.web.SingleLineText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code username} may also be the account's email address. */
record LoginRequest(@NotBlank @Size(max = 320) @SingleLineText String username, @NotNull @Size(max = 128) String password) {
}

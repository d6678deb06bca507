package io.eventchat.gateway.auth;

import io.eventchat.gateway.web.SingleLineText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Fields other than these (a {@code role}, an {@code id}) are ignored: nobody picks their own role. */
record RegisterRequest(
        @NotBlank @Size(min = 3, max = 32) @Pattern(regexp = "[A-Za-z0-9_.-]*",
                message = "may contain only letters, digits, '_', '.' and '-'") @SingleLineText String username,
        @NotBlank @Email @Size(max = 320) @SingleLineText String email,
        @NotNull @Size(min = 8, max = 128) String password,
        @Size(max = 64) @SingleLineText String displayName) {
}

package io.eventchat.gateway.auth;

import io.eventchat.gateway.web.SingleLineText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record RefreshRequest(@NotBlank @Size(max = 200) @SingleLineText String refreshToken) {
}

package io.eventchat.gateway.message;

import io.eventchat.gateway.web.MultiLineText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record EditMessageRequest(@NotBlank @Size(max = 16000) @MultiLineText String content) {
}

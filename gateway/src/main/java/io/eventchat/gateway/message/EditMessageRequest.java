package io.eventchat.gateway.message;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record EditMessageRequest(@NotBlank @Size(max = 16000) String content) {
}

package io.eventchat.gateway.room;

import io.eventchat.gateway.web.SingleLineText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record RenameRequest(@NotBlank @Size(max = 100) @SingleLineText String name) {
}

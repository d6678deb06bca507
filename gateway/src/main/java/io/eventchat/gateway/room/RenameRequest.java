package io.eventchat.gateway.room;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record RenameRequest(@NotBlank @Size(max = 100) String name) {
}

package io.eventchat.gateway.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record ChangePasswordRequest(@NotNull @Size(max = 128) String currentPassword,
                             @NotNull @Size(min = 8, max = 128) String newPassword) {
}

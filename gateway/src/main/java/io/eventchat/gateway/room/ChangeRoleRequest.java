package io.eventchat.gateway.room;

import io.eventchat.api.room.ParticipantRole;
import jakarta.validation.constraints.NotNull;

record ChangeRoleRequest(@NotNull ParticipantRole role) {
}

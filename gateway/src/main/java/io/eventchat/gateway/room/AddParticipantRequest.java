package io.eventchat.gateway.room;

import jakarta.validation.constraints.NotNull;

import java.util.UUID;

record AddParticipantRequest(@NotNull UUID userId) {
}

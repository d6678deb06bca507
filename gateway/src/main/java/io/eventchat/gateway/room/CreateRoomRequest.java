package io.eventchat.gateway.room;

import io.eventchat.api.room.RoomType;
import io.eventchat.gateway.web.SingleLineText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Set;
import java.util.UUID;

/** A DIRECT room names exactly one other user in {@code participantIds}; its name is ignored. */
record CreateRoomRequest(@Size(max = 100) @SingleLineText String name, @NotNull RoomType type,
                         @Size(max = 999) Set<@NotNull UUID> participantIds) {
}

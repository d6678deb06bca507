package io.eventchat.api.room;

import io.eventchat.api.user.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** Deletes a room: its owner, or an application admin ({@code byAppRole}). */
public record DeleteRoom(@TargetAggregateIdentifier UUID roomId, UUID by, Role byAppRole, Instant at)
        implements RoomCommand {
}

package io.eventchat.api.message;

import io.eventchat.api.user.Role;
import io.eventchat.api.room.RoomCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** Soft-deletes a message: its author, or an application MODERATOR/ADMIN ({@code byAppRole}). */
public record DeleteMessage(@TargetAggregateIdentifier UUID roomId, UUID messageId, UUID by, Role byAppRole,
                            Instant at) implements RoomCommand {
}

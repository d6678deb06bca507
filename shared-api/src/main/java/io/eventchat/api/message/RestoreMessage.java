package io.eventchat.api.message;

import io.eventchat.api.room.RoomCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** The author restores a deleted message. */
public record RestoreMessage(@TargetAggregateIdentifier UUID roomId, UUID messageId, UUID by, Instant at)
        implements RoomCommand {
}

package io.eventchat.api.room;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** Renames a GROUP room (owner or room admin). */
public record RenameRoom(@TargetAggregateIdentifier UUID roomId, String name, UUID by, Instant at)
        implements RoomCommand {
}

package io.eventchat.api.room;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** Adds a user to a GROUP room (owner or room admin). */
public record AddParticipant(@TargetAggregateIdentifier UUID roomId, UUID userId, UUID by, Instant at)
        implements RoomCommand {
}

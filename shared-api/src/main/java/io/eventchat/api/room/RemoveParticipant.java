package io.eventchat.api.room;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** Removes a participant; removing yourself is leaving. Others need the owner or a room admin. */
public record RemoveParticipant(@TargetAggregateIdentifier UUID roomId, UUID userId, UUID by, Instant at)
        implements RoomCommand {
}

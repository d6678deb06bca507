package io.eventchat.api.room;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** The owner makes a participant a room ADMIN or a MEMBER. */
public record ChangeParticipantRole(@TargetAggregateIdentifier UUID roomId, UUID userId, ParticipantRole role,
                                    UUID by, Instant at) implements RoomCommand {
}

package io.eventchat.api.room;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** Records that the caller has read the room up to {@code upToSeq}. */
public record MarkRead(@TargetAggregateIdentifier UUID roomId, UUID userId, long upToSeq, Instant at)
        implements RoomCommand {
}

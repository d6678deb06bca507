package io.eventchat.api.room;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Creates a room owned by {@code creatorId}, with the creator and {@code participantIds} as participants. A DIRECT
 * room names exactly one other user and exists at most once per pair.
 */
public record CreateRoom(@TargetAggregateIdentifier UUID roomId, String name, RoomType type, UUID creatorId,
                         Set<UUID> participantIds, Instant at) implements RoomCommand {
}

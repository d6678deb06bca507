package io.eventchat.api.message;

import io.eventchat.api.room.RoomCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Posts a message into a room; handled by the room, which assigns the message its {@code seq}. */
public record PostMessage(@TargetAggregateIdentifier UUID roomId, UUID messageId, UUID senderId, String content,
                          String clientMessageId, UUID replyToMessageId, List<UUID> attachmentIds, Instant at)
        implements RoomCommand {
}

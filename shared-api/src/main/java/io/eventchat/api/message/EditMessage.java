package io.eventchat.api.message;

import io.eventchat.api.room.RoomCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/** The author replaces a message's content. */
public record EditMessage(@TargetAggregateIdentifier UUID roomId, UUID messageId, UUID editorId, String content,
                          Instant at) implements RoomCommand {
}

package io.eventchat.api.message;

import java.util.UUID;

/** The room a message belongs to, from the command side's record of messages (never late). */
public record LocateMessage(UUID messageId) {
}

package io.eventchat.api.room;

import java.util.UUID;

/** The DIRECT room of two users, if they have one (answered from the command side's claim, so it is never late). */
public record FindDirectRoom(UUID userA, UUID userB) {
}

package io.eventchat.api.room;

import java.util.UUID;

/** The rooms {@code userId} belongs to. */
public record FindMyRooms(UUID userId) {
}

package io.eventchat.api.message;

import java.util.UUID;

/**
 * A page of a room's messages as seen by {@code requesterId}. With {@code before}, the newest messages below that
 * seq; with {@code after}, the oldest above it; with neither, the newest. Items are always in ascending seq order.
 */
public record FindRoomMessages(UUID roomId, UUID requesterId, Long before, Long after, int limit) {
}

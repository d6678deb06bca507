package io.eventchat.api.room;

import java.util.UUID;

/** A room's frames with seq greater than {@code after}, for a participant. */
public record FindRoomEvents(UUID roomId, UUID requesterId, long after, int limit) {
}

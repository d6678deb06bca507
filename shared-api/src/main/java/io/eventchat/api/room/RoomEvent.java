package io.eventchat.api.room;

import java.time.Instant;
import java.util.UUID;

/** Every event of a room carries the room's next {@code seq}: 1, 2, 3 … with no gaps, per room. */
public interface RoomEvent {

    UUID roomId();

    long seq();

    Instant at();
}

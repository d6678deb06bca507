package io.eventchat.command.room;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Whether a room as this node holds it is the room as the event store holds it. A room served from the aggregate
 * cache is behind the store when another node has appended to it since; an answer decided on such a copy without
 * appending anything meets no sequence constraint that would reveal it. One indexed look-up of the stream's last
 * sequence number tells.
 */
@Component
class RoomVersions {

    private final EventStore events;

    RoomVersions(EventStore events) {
        this.events = events;
    }

    /**
     * Throws a {@link ConcurrencyException} (caused by {@code answer}, when there is one) if the store holds events
     * of the room beyond {@code version}, the sequence number of the last event the deciding copy had applied: the
     * command is then retried on the stored room, exactly like one that lost an append race.
     */
    void requireCurrent(UUID roomId, Long version, Exception answer) {
        long held = version == null ? -1 : version;
        long stored = events.lastSequenceNumberFor(roomId.toString()).orElse(-1L);
        if (stored > held) {
            throw new ConcurrencyException("Room " + roomId + " was decided at version " + held
                    + " but the store is at " + stored, answer);
        }
    }
}

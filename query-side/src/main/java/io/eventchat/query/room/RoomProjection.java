package io.eventchat.query.room;

import io.eventchat.api.message.MessagePosted;
import io.eventchat.api.room.ParticipantAdded;
import io.eventchat.api.room.ParticipantRemoved;
import io.eventchat.api.room.ParticipantRoleChanged;
import io.eventchat.api.room.ReadReceiptRecorded;
import io.eventchat.api.room.RoomCreated;
import io.eventchat.api.room.RoomDeleted;
import io.eventchat.api.room.RoomEvent;
import io.eventchat.api.room.RoomRenamed;
import io.eventchat.query.processing.ProjectionWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Keeps {@code room} and {@code room_participant} in step with room events. Every handler sets state rather than
 * counting, so applying an event twice (after a crash) changes nothing.
 */
@Component
@ProcessingGroup("rooms")
class RoomProjection {

    private final RoomRepository rooms;
    private final RoomParticipantRepository participants;
    private final ProjectionWrites writes;

    RoomProjection(RoomRepository rooms, RoomParticipantRepository participants, ProjectionWrites writes) {
        this.rooms = rooms;
        this.participants = participants;
        this.writes = writes;
    }

    @EventHandler
    void on(RoomCreated event) {
        if (!rooms.existsById(event.roomId())) {
            rooms.save(new Room(event.roomId(), event.name(), event.type(), event.createdBy(), event.at(),
                    event.seq()));
        }
    }

    @EventHandler
    void on(ParticipantAdded event) {
        if (!participants.existsById(new RoomParticipant.Key(event.roomId(), event.userId()))) {
            participants.saveAndFlush(new RoomParticipant(event.roomId(), event.userId(), event.role(), event.at(),
                    event.seq()));
        }
        rooms.recount(event.roomId());
        rooms.advanceSeq(event.roomId(), event.seq());
    }

    @EventHandler
    void on(ParticipantRemoved event) {
        participants.deleteById(new RoomParticipant.Key(event.roomId(), event.userId()));
        participants.flush();
        rooms.recount(event.roomId());
        rooms.advanceSeq(event.roomId(), event.seq());
    }

    @EventHandler
    void on(ParticipantRoleChanged event) {
        participants.findById(new RoomParticipant.Key(event.roomId(), event.userId()))
                .ifPresent(p -> p.role(event.role()));
        rooms.advanceSeq(event.roomId(), event.seq());
    }

    @EventHandler
    void on(RoomRenamed event) {
        rooms.findById(event.roomId()).ifPresent(room -> room.rename(event.name()));
        rooms.advanceSeq(event.roomId(), event.seq());
    }

    @EventHandler
    void on(RoomDeleted event) {
        participants.deleteRoom(event.roomId());
        rooms.deleteById(event.roomId());
    }

    /** The room's last activity and seq: written with the rest of the batch, once per room (the latest counts). */
    @EventHandler
    void on(MessagePosted event) {
        writes.writeLatest("""
                        UPDATE room SET last_activity_at = GREATEST(last_activity_at, ?), last_seq = GREATEST(last_seq, ?)
                        WHERE id = ?""",
                event.roomId(), Timestamp.from(event.at()), event.seq(), event.roomId());
    }

    @EventHandler
    void on(ReadReceiptRecorded event) {
        participants.findById(new RoomParticipant.Key(event.roomId(), event.userId()))
                .ifPresent(p -> p.readUpTo(event.upToSeq()));
        rooms.advanceSeq(event.roomId(), event.seq());
    }

    @EventHandler
    void on(RoomEvent event) {
        writes.writeLatest("UPDATE room SET last_seq = GREATEST(last_seq, ?) WHERE id = ?", event.roomId(),
                event.seq(), event.roomId());
    }
}

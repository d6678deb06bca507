package io.eventchat.query.room;

import io.eventchat.api.room.ParticipantRole;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

@Entity(name = "RoomParticipant")
@Table(name = "room_participant")
@IdClass(RoomParticipant.Key.class)
class RoomParticipant {

    @Id
    private UUID roomId;
    @Id
    private UUID userId;
    @Enumerated(EnumType.STRING)
    private ParticipantRole role;
    private Instant joinedAt;
    private long joinedSeq;
    private long lastReadSeq;

    protected RoomParticipant() {
    }

    RoomParticipant(UUID roomId, UUID userId, ParticipantRole role, Instant joinedAt, long joinedSeq) {
        this.roomId = roomId;
        this.userId = userId;
        this.role = role;
        this.joinedAt = joinedAt;
        this.joinedSeq = joinedSeq;
    }

    void role(ParticipantRole role) {
        this.role = role;
    }

    void readUpTo(long seq) {
        lastReadSeq = Math.max(lastReadSeq, seq);
    }

    record Key(UUID roomId, UUID userId) implements Serializable {
    }
}

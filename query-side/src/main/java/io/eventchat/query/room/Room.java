package io.eventchat.query.room;

import io.eventchat.api.room.RoomType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity(name = "Room")
@Table(name = "room")
class Room {

    @Id
    private UUID id;
    private String name;
    @Enumerated(EnumType.STRING)
    private RoomType type;
    private UUID createdBy;
    private Instant createdAt;
    private long lastSeq;
    private int participantCount;
    private Instant lastActivityAt;

    protected Room() {
    }

    Room(UUID id, String name, RoomType type, UUID createdBy, Instant createdAt, long lastSeq) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.lastSeq = lastSeq;
        this.lastActivityAt = createdAt;
    }

    void rename(String name) {
        this.name = name;
    }
}

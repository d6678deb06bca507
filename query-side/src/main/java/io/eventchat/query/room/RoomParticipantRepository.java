package io.eventchat.query.room;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.UUID;

interface RoomParticipantRepository extends JpaRepository<RoomParticipant, RoomParticipant.Key> {

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = "DELETE FROM room_participant WHERE room_id = :roomId", nativeQuery = true)
    void deleteRoom(UUID roomId);
}

package io.eventchat.query.room;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.UUID;

/**
 * Native updates flush pending entity changes first and clear the persistence context after, so an entity loaded
 * earlier in the same batch can never write stale columns over them.
 */
interface RoomRepository extends JpaRepository<Room, UUID> {

    /** Moves the room's high-water mark forward; never back, so a replayed older event changes nothing. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = "UPDATE room SET last_seq = GREATEST(last_seq, :seq) WHERE id = :roomId", nativeQuery = true)
    void advanceSeq(UUID roomId, long seq);


    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = """
            UPDATE room SET participant_count = (SELECT count(*) FROM room_participant WHERE room_id = :roomId)
            WHERE id = :roomId""", nativeQuery = true)
    void recount(UUID roomId);
}

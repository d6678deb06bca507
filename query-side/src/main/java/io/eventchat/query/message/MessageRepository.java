package io.eventchat.query.message;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every history query is a range scan of the {@code (room_id, seq)} unique index. */
interface MessageRepository extends JpaRepository<Message, UUID> {

    String VIEW = """
            SELECT new io.eventchat.query.message.MessageRow(m.id, m.roomId, m.seq, m.senderId, u.username, m.content,
                   m.createdAt, m.editedAt, m.deleted, m.replyToMessageId, m.clientMessageId, m.attachments)
            FROM Message m LEFT JOIN ChatUser u ON u.id = m.senderId
            """;

    @Query(VIEW + "WHERE m.id = :messageId")
    Optional<MessageRow> findView(UUID messageId);

    @Query(VIEW + "WHERE m.roomId = :roomId AND m.seq < :before ORDER BY m.seq DESC")
    List<MessageRow> findBefore(UUID roomId, long before, Limit limit);

    @Query(VIEW + "WHERE m.roomId = :roomId AND m.seq > :after ORDER BY m.seq ASC")
    List<MessageRow> findAfter(UUID roomId, long after, Limit limit);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = "DELETE FROM message WHERE room_id = :roomId", nativeQuery = true)
    void deleteRoom(UUID roomId);

    @Query(value = "SELECT version FROM message_room_version WHERE room_id = :roomId", nativeQuery = true)
    Optional<Long> version(UUID roomId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = "DELETE FROM message_room_version WHERE room_id = :roomId", nativeQuery = true)
    void deleteVersion(UUID roomId);
}

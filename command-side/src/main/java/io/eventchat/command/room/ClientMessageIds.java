package io.eventchat.command.room;

import io.eventchat.api.message.MessageAccepted;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Remembers which message each {@code clientMessageId} of a sender in a room produced, outside the aggregate's state
 * (which would otherwise grow with every message ever posted). Written in the command's transaction.
 */
@Component
class ClientMessageIds {

    private final JdbcClient jdbc;

    ClientMessageIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<MessageAccepted> find(UUID roomId, UUID senderId, String clientMessageId) {
        return jdbc.sql("""
                        SELECT message_id, seq, posted_at FROM client_message
                        WHERE room_id = ? AND sender_id = ? AND client_message_id = ?""")
                .params(roomId, senderId, clientMessageId)
                .query((rs, row) -> new MessageAccepted(rs.getObject("message_id", UUID.class), rs.getLong("seq"),
                        rs.getTimestamp("posted_at").toInstant(), true, List.of()))
                .optional();
    }

    void record(UUID roomId, UUID senderId, String clientMessageId, UUID messageId, long seq, Instant at) {
        try {
            insert(roomId, senderId, clientMessageId, messageId, seq, at);
        } catch (DuplicateKeyException e) {
            // another node posted the same retry at the same moment: let the command be retried, which answers it
            throw new ConcurrencyException("clientMessageId " + clientMessageId + " was posted concurrently", e);
        }
    }

    private void insert(UUID roomId, UUID senderId, String clientMessageId, UUID messageId, long seq, Instant at) {
        jdbc.sql("""
                        INSERT INTO client_message (room_id, sender_id, client_message_id, message_id, seq, posted_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(roomId, senderId, clientMessageId, messageId, seq, Timestamp.from(at))
                .update();
    }
}

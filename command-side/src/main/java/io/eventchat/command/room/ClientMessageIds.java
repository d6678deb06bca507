package io.eventchat.command.room;

import io.eventchat.api.message.MessageAccepted;
import io.eventchat.api.message.PostMessage;
import io.eventchat.command.batching.CommandGroup;
import io.eventchat.command.batching.GroupParticipant;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Remembers which message each {@code clientMessageId} of a sender in a room produced, outside the aggregate's state
 * (which would otherwise grow with every message ever posted). Written in the command's transaction. In a group of
 * commands ({@link CommandGroup}), the group's client ids are looked up in one query before its commands run, and
 * the new ones are written in one statement when it commits; a retry within the group finds its original there.
 */
@Component
class ClientMessageIds implements GroupParticipant {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    ClientMessageIds(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    private record Key(UUID roomId, UUID senderId, String clientMessageId) {
    }

    private record Row(UUID roomId, UUID senderId, String clientMessageId, UUID messageId, long seq, Instant at) {

        MessageAccepted accepted() {
            return new MessageAccepted(messageId, seq, at, true, List.of());
        }
    }

    Optional<MessageAccepted> find(UUID roomId, UUID senderId, String clientMessageId) {
        Key key = new Key(roomId, senderId, clientMessageId);
        CommandGroup group = CommandGroup.current();
        if (group != null && group.knows(key)) {
            return Optional.ofNullable(group.<Row>get(key)).map(Row::accepted);
        }
        return jdbc.sql("""
                        SELECT message_id, seq, posted_at FROM client_message
                        WHERE room_id = ? AND sender_id = ? AND client_message_id = ?""")
                .params(roomId, senderId, clientMessageId)
                .query((rs, row) -> new MessageAccepted(rs.getObject("message_id", UUID.class), rs.getLong("seq"),
                        rs.getTimestamp("posted_at").toInstant(), true, List.of()))
                .optional();
    }

    void record(UUID roomId, UUID senderId, String clientMessageId, UUID messageId, long seq, Instant at) {
        Row row = new Row(roomId, senderId, clientMessageId, messageId, seq, at);
        CommandGroup group = CommandGroup.current();
        if (group != null) {
            group.write("client_message", this::insert, row, new Key(roomId, senderId, clientMessageId), row);
            return;
        }
        try {
            insert(List.of(row));
        } catch (DuplicateKeyException e) {
            // another node posted the same retry at the same moment: let the command be retried, which answers it
            throw new ConcurrencyException("clientMessageId " + clientMessageId + " was posted concurrently", e);
        }
    }

    /** One query for every client id the group's posts carry. */
    @Override
    public void preload(List<Object> commands, CommandGroup group) {
        List<Key> keys = new ArrayList<>();
        for (Object command : commands) {
            if (command instanceof PostMessage post && post.clientMessageId() != null) {
                keys.add(new Key(post.roomId(), post.senderId(), post.clientMessageId()));
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        keys.forEach(key -> group.loaded(key, null));
        jdbc.sql("""
                        SELECT c.room_id, c.sender_id, c.client_message_id, c.message_id, c.seq, c.posted_at
                        FROM client_message c
                        JOIN unnest(?::uuid[], ?::uuid[], ?::varchar[]) AS k(room_id, sender_id, client_message_id)
                          ON c.room_id = k.room_id AND c.sender_id = k.sender_id
                         AND c.client_message_id = k.client_message_id""")
                .params(keys.stream().map(key -> key.roomId().toString()).toArray(String[]::new),
                        keys.stream().map(key -> key.senderId().toString()).toArray(String[]::new),
                        keys.stream().map(Key::clientMessageId).toArray(String[]::new))
                .query((rs, n) -> new Row(rs.getObject("room_id", UUID.class), rs.getObject("sender_id", UUID.class),
                        rs.getString("client_message_id"), rs.getObject("message_id", UUID.class), rs.getLong("seq"),
                        rs.getTimestamp("posted_at").toInstant()))
                .list()
                .forEach(row -> group.loaded(new Key(row.roomId(), row.senderId(), row.clientMessageId()), row));
    }

    /** One statement for all rows (the pool rewrites a JDBC batch of inserts into a multi-row insert). */
    private void insert(List<Row> rows) {
        batches.batchUpdate("""
                        INSERT INTO client_message (room_id, sender_id, client_message_id, message_id, seq, posted_at)
                        VALUES (?, ?, ?, ?, ?, ?)""",
                rows.stream().map(row -> new Object[]{row.roomId(), row.senderId(), row.clientMessageId(),
                        row.messageId(), row.seq(), Timestamp.from(row.at())}).toList());
    }
}

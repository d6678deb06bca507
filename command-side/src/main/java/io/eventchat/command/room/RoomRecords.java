package io.eventchat.command.room;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.message.DeletedMessages;
import io.eventchat.api.message.FindDeletedMessages;
import io.eventchat.api.message.LocateMessage;
import io.eventchat.api.room.FindDirectRoom;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Optional;
import java.util.UUID;

/**
 * The parts of a room's rules that grow with its history or span rooms: who wrote which message and whether it is
 * deleted, and the one DIRECT room of each pair. Written only by ChatRoom's command handlers, in their transaction,
 * so they are exactly as current as the room's events.
 */
@Component
class RoomRecords {

    private final JdbcClient jdbc;

    RoomRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record MessageRecord(UUID roomId, long seq, UUID authorId, boolean deleted) {
    }

    Optional<MessageRecord> message(UUID messageId) {
        return jdbc.sql("SELECT room_id, seq, author_id, deleted FROM room_message WHERE message_id = ?")
                .param(messageId)
                .query((rs, n) -> new MessageRecord(rs.getObject("room_id", UUID.class), rs.getLong("seq"),
                        rs.getObject("author_id", UUID.class), rs.getBoolean("deleted")))
                .optional();
    }

    void recordMessage(UUID messageId, UUID roomId, long seq, UUID authorId) {
        jdbc.sql("INSERT INTO room_message (message_id, room_id, seq, author_id) VALUES (?, ?, ?, ?)")
                .params(messageId, roomId, seq, authorId).update();
    }

    void markDeleted(UUID messageId, boolean deleted) {
        jdbc.sql("UPDATE room_message SET deleted = ? WHERE message_id = ?").params(deleted, messageId).update();
    }

    void claimDirect(UUID a, UUID b, UUID roomId) {
        int inserted = jdbc.sql("""
                        INSERT INTO direct_room (user_low, user_high, room_id) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(low(a, b), high(a, b), roomId).update();
        if (inserted == 0) {
            throw new ChatException(ErrorCode.ALREADY_EXISTS, "These two users already have a direct room.");
        }
    }

    void releaseDirect(UUID roomId) {
        jdbc.sql("DELETE FROM direct_room WHERE room_id = ?").param(roomId).update();
    }

    @QueryHandler
    Optional<UUID> handle(FindDirectRoom query) {
        return jdbc.sql("SELECT room_id FROM direct_room WHERE user_low = ? AND user_high = ?")
                .params(low(query.userA(), query.userB()), high(query.userA(), query.userB()))
                .query(UUID.class).optional();
    }

    @QueryHandler
    Optional<UUID> handle(LocateMessage query) {
        return jdbc.sql("SELECT room_id FROM room_message WHERE message_id = ?").param(query.messageId())
                .query(UUID.class).optional();
    }

    @QueryHandler
    DeletedMessages handle(FindDeletedMessages query) {
        return new DeletedMessages(new HashSet<>(jdbc.sql("SELECT message_id FROM room_message WHERE room_id = ? AND deleted")
                .param(query.roomId()).query(UUID.class).list()));
    }

    private static UUID low(UUID a, UUID b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static UUID high(UUID a, UUID b) {
        return a.compareTo(b) <= 0 ? b : a;
    }
}

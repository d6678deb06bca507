package io.eventchat.command.room;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.message.DeleteMessage;
import io.eventchat.api.message.DeletedMessages;
import io.eventchat.api.message.EditMessage;
import io.eventchat.api.message.FindDeletedMessages;
import io.eventchat.api.message.LocateMessage;
import io.eventchat.api.message.PostMessage;
import io.eventchat.api.message.RestoreMessage;
import io.eventchat.api.room.FindDirectRoom;
import io.eventchat.command.batching.CommandGroup;
import io.eventchat.command.batching.GroupParticipant;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The parts of a room's rules that grow with its history or span rooms: who wrote which message and whether it is
 * deleted, and the one DIRECT room of each pair. Written only by ChatRoom's command handlers, in their transaction,
 * so they are exactly as current as the room's events. In a group of commands ({@link CommandGroup}) the messages its
 * commands refer to are read in one query before they run, and the group's new and changed records are written in
 * one statement each when it commits.
 */
@Component
class RoomRecords implements GroupParticipant {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    RoomRecords(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    record MessageRecord(UUID roomId, long seq, UUID authorId, boolean deleted) {
    }

    /** A message's record as this group (or, outside one, the table) knows it. */
    private record Key(UUID messageId) {
    }

    Optional<MessageRecord> message(UUID messageId) {
        CommandGroup group = CommandGroup.current();
        if (group != null && group.knows(new Key(messageId))) {
            return Optional.ofNullable(group.get(new Key(messageId)));
        }
        return jdbc.sql("SELECT room_id, seq, author_id, deleted FROM room_message WHERE message_id = ?")
                .param(messageId)
                .query((rs, n) -> new MessageRecord(rs.getObject("room_id", UUID.class), rs.getLong("seq"),
                        rs.getObject("author_id", UUID.class), rs.getBoolean("deleted")))
                .optional();
    }

    void recordMessage(UUID messageId, UUID roomId, long seq, UUID authorId) {
        CommandGroup group = CommandGroup.current();
        if (group != null) {
            group.write("room_message", this::insert, new Object[]{messageId, roomId, seq, authorId},
                    new Key(messageId), new MessageRecord(roomId, seq, authorId, false));
            return;
        }
        insert(List.<Object[]>of(new Object[]{messageId, roomId, seq, authorId}));
    }

    void markDeleted(UUID messageId, boolean deleted) {
        CommandGroup group = CommandGroup.current();
        if (group != null) {
            MessageRecord known = message(messageId).orElseThrow();
            group.write("room_message.deleted", this::update, new Object[]{deleted, messageId}, new Key(messageId),
                    new MessageRecord(known.roomId(), known.seq(), known.authorId(), deleted));
            return;
        }
        update(List.<Object[]>of(new Object[]{deleted, messageId}));
    }

    /** Every message the group's commands reply to, edit, delete or restore, in one query. */
    @Override
    public void preload(List<Object> commands, CommandGroup group) {
        List<UUID> ids = new ArrayList<>();
        for (Object command : commands) {
            UUID id = command instanceof PostMessage post ? post.replyToMessageId()
                    : command instanceof EditMessage edit ? edit.messageId()
                    : command instanceof DeleteMessage delete ? delete.messageId()
                    : command instanceof RestoreMessage restore ? restore.messageId() : null;
            if (id != null) {
                ids.add(id);
                group.loaded(new Key(id), null);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("SELECT message_id, room_id, seq, author_id, deleted FROM room_message WHERE message_id = ANY (?::uuid[])")
                .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> {
                    group.loaded(new Key(rs.getObject("message_id", UUID.class)), new MessageRecord(
                            rs.getObject("room_id", UUID.class), rs.getLong("seq"), rs.getObject("author_id", UUID.class),
                            rs.getBoolean("deleted")));
                    return null;
                })
                .list();
    }

    private void insert(List<Object[]> rows) {
        batches.batchUpdate("INSERT INTO room_message (message_id, room_id, seq, author_id) VALUES (?, ?, ?, ?)", rows);
    }

    private void update(List<Object[]> rows) {
        batches.batchUpdate("UPDATE room_message SET deleted = ? WHERE message_id = ?", rows);
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

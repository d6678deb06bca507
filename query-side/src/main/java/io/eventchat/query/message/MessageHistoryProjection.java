package io.eventchat.query.message;

import io.eventchat.api.message.MessageDeleted;
import io.eventchat.api.message.MessageEdited;
import io.eventchat.api.message.MessagePosted;
import io.eventchat.api.message.MessageRestored;
import io.eventchat.api.message.MessageView;
import io.eventchat.api.room.RoomDeleted;
import io.eventchat.api.room.RoomEvent;
import io.eventchat.query.processing.ProjectionWrites;
import io.eventchat.query.processing.ShadowBuild;
import io.eventchat.query.user.Usernames;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Keeps {@code message} in step with message events, and with it the Redis recent-message cache. Each row carries
 * the seq of the last event applied to it, so an event delivered twice changes nothing; {@code message_room_version}
 * records how far each room has been applied, which versions the cache. A posted message is written without a read
 * (its row and view come from the event), its writes go out with the rest of the processor's batch, and the cache
 * takes the batch's changes after the commit ({@link RecentMessagesCache#queue}).
 */
@Component
@ProcessingGroup("rooms")
class MessageHistoryProjection {

    private final MessageRepository messages;
    private final RecentMessagesCache cache;
    private final ProjectionWrites writes;
    private final Usernames usernames;

    MessageHistoryProjection(MessageRepository messages, RecentMessagesCache cache, ProjectionWrites writes,
                             Usernames usernames) {
        this.messages = messages;
        this.cache = cache;
        this.writes = writes;
        this.usernames = usernames;
    }

    @EventHandler
    void on(MessagePosted event) {
        // the row's version is its own seq; a message already there (the event delivered again) is left alone
        String attachments = MessageRow.json(event.attachments());
        writes.write("""
                        INSERT INTO message (id, room_id, seq, sender_id, content, created_at, deleted,
                                             reply_to_message_id, client_message_id, attachments, version)
                        VALUES (?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                event.messageId(), event.roomId(), event.seq(), event.senderId(), event.content(),
                Timestamp.from(event.at()), event.replyToMessageId(), event.clientMessageId(), attachments,
                event.seq());
        applied(event, RecentMessagesCache.Change.PUT, () -> new MessageRow(event.messageId(), event.roomId(),
                event.seq(), event.senderId(), usernames.of(event.senderId()), event.content(), event.at(), null,
                false, event.replyToMessageId(), event.clientMessageId(), attachments).view());
    }

    @EventHandler
    void on(MessageEdited event) {
        change(event, event.messageId(), message -> message.edit(event.content(), event.at()));
    }

    @EventHandler
    void on(MessageDeleted event) {
        change(event, event.messageId(), message -> message.deleted(true));
    }

    @EventHandler
    void on(MessageRestored event) {
        change(event, event.messageId(), message -> message.deleted(false));
    }

    @EventHandler
    void on(RoomDeleted event) {
        writes.flush();
        messages.deleteRoom(event.roomId());
        messages.deleteVersion(event.roomId());
        cache.drop(event.roomId());
    }

    @EventHandler
    void on(RoomEvent event) {
        applied(event, RecentMessagesCache.Change.NONE, () -> null);
    }

    @ResetHandler
    void reset() {
        cache.dropAll();
    }

    private void change(RoomEvent event, UUID messageId, Consumer<Message> change) {
        writes.flush();
        Message message = messages.findById(messageId).orElse(null);
        if (message != null) {
            message.change(event.seq(), () -> change.accept(message));
        }
        applied(event, RecentMessagesCache.Change.UPDATE, () -> message == null ? null
                : message.row(usernames.of(message.senderId())).view());
    }

    private void applied(RoomEvent event, RecentMessagesCache.Change change, ViewOf view) {
        writes.writeLatest("""
                        INSERT INTO message_room_version (room_id, version) VALUES (?, ?)
                        ON CONFLICT (room_id) DO UPDATE
                            SET version = GREATEST(message_room_version.version, EXCLUDED.version)""",
                event.roomId(), event.roomId(), event.seq());
        if (ShadowBuild.inProgress()) {
            return; // the cache mirrors the live tables, not a rebuild's shadow copies
        }
        MessageView message = view.get();
        cache.queue(event.roomId(), event.seq(), message == null ? RecentMessagesCache.Change.NONE : change, message,
                () -> newest(event.roomId()));
    }

    /** The view of the message an event created or changed, built only when the cache needs it. */
    private interface ViewOf {
        MessageView get();
    }

    List<MessageView> newest(UUID roomId) {
        List<MessageRow> newest = new ArrayList<>(messages.findBefore(roomId, Long.MAX_VALUE,
                Limit.of(RecentMessagesCache.SIZE)));
        Collections.reverse(newest);
        return newest.stream().map(MessageRow::view).toList();
    }
}

package io.eventchat.query.message;

import io.eventchat.api.message.MessageDeleted;
import io.eventchat.api.message.MessageEdited;
import io.eventchat.api.message.MessagePosted;
import io.eventchat.api.message.MessageRestored;
import io.eventchat.api.message.MessageView;
import io.eventchat.api.room.RoomDeleted;
import io.eventchat.api.room.RoomEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Keeps {@code message} in step with message events, and with it the Redis recent-message cache. Each row carries
 * the seq of the last event applied to it, so an event delivered twice changes nothing; {@code message_room_version}
 * records how far each room has been applied, which versions the cache.
 */
@Component
@ProcessingGroup("messages")
class MessageHistoryProjection {

    private final MessageRepository messages;
    private final RecentMessagesCache cache;

    MessageHistoryProjection(MessageRepository messages, RecentMessagesCache cache) {
        this.messages = messages;
        this.cache = cache;
    }

    @EventHandler
    void on(MessagePosted event) {
        if (!messages.existsById(event.messageId())) {
            messages.saveAndFlush(new Message(event.messageId(), event.roomId(), event.seq(), event.senderId(),
                    event.content(), event.at(), event.replyToMessageId(), event.clientMessageId(),
                    MessageRow.json(event.attachments())));
        }
        applied(event, RecentMessagesCache.Change.PUT, event.messageId());
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
        messages.deleteRoom(event.roomId());
        messages.deleteVersion(event.roomId());
        cache.drop(event.roomId());
    }

    @EventHandler
    void on(RoomEvent event) {
        applied(event, RecentMessagesCache.Change.NONE, null);
    }

    @ResetHandler
    void reset() {
        cache.dropAll();
    }

    private void change(RoomEvent event, UUID messageId, Consumer<Message> change) {
        messages.findById(messageId).ifPresent(message -> message.change(event.seq(), () -> change.accept(message)));
        messages.flush();
        applied(event, RecentMessagesCache.Change.UPDATE, messageId);
    }

    private void applied(RoomEvent event, RecentMessagesCache.Change change, UUID messageId) {
        messages.advanceVersion(event.roomId(), event.seq());
        MessageView view = messageId == null ? null
                : messages.findView(messageId).map(MessageRow::view).orElse(null);
        cache.apply(event.roomId(), event.seq(), view == null ? RecentMessagesCache.Change.NONE : change, view,
                () -> newest(event.roomId()));
    }

    List<MessageView> newest(UUID roomId) {
        List<MessageRow> newest = new ArrayList<>(messages.findBefore(roomId, Long.MAX_VALUE,
                Limit.of(RecentMessagesCache.SIZE)));
        Collections.reverse(newest);
        return newest.stream().map(MessageRow::view).toList();
    }
}

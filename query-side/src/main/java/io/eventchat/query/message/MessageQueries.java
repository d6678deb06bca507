package io.eventchat.query.message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.eventchat.api.message.FindMessage;
import io.eventchat.api.message.FindRecentMessages;
import io.eventchat.api.message.FindRoomMessages;
import io.eventchat.api.message.MessagePage;
import io.eventchat.api.message.MessageView;
import io.eventchat.query.room.RoomAccess;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Pages through a room's history, the newest messages (from Redis when it has them), and single messages. */
@Component
class MessageQueries {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final MessageRepository messages;
    private final RoomAccess access;
    private final RecentMessagesCache cache;

    private final Counter fallbacks;

    MessageQueries(MessageRepository messages, RoomAccess access, RecentMessagesCache cache, MeterRegistry meters) {
        this.messages = messages;
        this.access = access;
        this.cache = cache;
        this.fallbacks = Counter.builder("chat.recent.fallbacks")
                .description("Recent-message reads answered from PostgreSQL: Redis down or no entry for the room")
                .register(meters);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    MessagePage handle(FindRoomMessages query) {
        access.requireParticipant(query.roomId(), query.requesterId());
        int limit = clampLimit(query.limit());
        Limit fetch = Limit.of(limit + 1);
        List<MessageRow> rows;
        boolean forward = query.after() != null && query.before() == null;
        if (forward) {
            rows = new ArrayList<>(messages.findAfter(query.roomId(), query.after(), fetch));
        } else {
            long before = query.before() == null ? Long.MAX_VALUE : query.before();
            rows = new ArrayList<>(messages.findBefore(query.roomId(), before, fetch));
        }
        boolean more = rows.size() > limit;
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (!forward) {
            Collections.reverse(rows);
        }
        Long next = !more ? null : forward ? rows.get(rows.size() - 1).seq() : rows.get(0).seq();
        return new MessagePage(rows.stream().map(MessageRow::view).toList(), next);
    }

    /**
     * The newest messages, oldest first, from the Redis cache; when Redis is down or has no entry for the room, from
     * PostgreSQL, and the entry is stored for the next caller (versioned, so it never overwrites a newer one).
     * {@code nextCursor} is the seq to page further back from with {@code before}, or null at the room's start.
     */
    @QueryHandler
    @Transactional(readOnly = true)
    MessagePage handle(FindRecentMessages query) {
        access.requireParticipant(query.roomId(), query.requesterId());
        List<MessageView> recent = cache.read(query.roomId()).orElseGet(() -> {
            fallbacks.increment();
            long version = messages.version(query.roomId()).orElse(0L);
            List<MessageRow> newest = new ArrayList<>(messages.findBefore(query.roomId(), Long.MAX_VALUE,
                    Limit.of(RecentMessagesCache.SIZE)));
            Collections.reverse(newest);
            List<MessageView> views = newest.stream().map(MessageRow::view).toList();
            if (version > 0) {
                cache.replace(query.roomId(), version, views);
            }
            return views;
        });
        Long next = recent.size() < RecentMessagesCache.SIZE ? null : recent.get(0).seq();
        return new MessagePage(recent, next);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    Optional<MessageView> handle(FindMessage query) {
        Optional<MessageRow> message = messages.findView(query.messageId());
        message.ifPresent(row -> access.requireParticipant(row.roomId(), query.requesterId()));
        return message.map(MessageRow::view);
    }

    static int clampLimit(int requested) {
        if (requested <= 0) {
            return DEFAULT_LIMIT;
        }
        return Math.min(requested, MAX_LIMIT);
    }
}

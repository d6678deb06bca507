package io.eventchat.query.message;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.message.FindMessage;
import io.eventchat.api.message.FindRecentMessages;
import io.eventchat.api.message.FindRoomMessages;
import io.eventchat.api.message.MessagePage;
import io.eventchat.api.message.MessageView;
import io.eventchat.api.message.RenderedPage;
import io.eventchat.query.access.RoomAccess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Pages through a room's history, the newest messages (from Redis when it has them), and single messages. */
@Component
class MessageQueries {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final int MAX_RENDERED = 10_000;

    private final MessageRepository messages;
    private final RoomAccess access;
    private final RecentMessagesCache cache;

    private final Counter fallbacks;
    private final JsonMapper json;
    /**
     * Pages this node rendered from PostgreSQL, by room, with the room's version they show: while Redis is down or
     * lacks a room, a reader whose room has not changed since costs one indexed look-up of the version, not the rows.
     */
    private final Map<UUID, Rendered> rendered = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Rendered> eldest) {
            return size() > MAX_RENDERED;
        }
    };

    private record Rendered(long version, RenderedPage page) {
    }

    MessageQueries(MessageRepository messages, RoomAccess access, RecentMessagesCache cache, MeterRegistry meters,
                   JsonMapper json) {
        this.messages = messages;
        this.access = access;
        this.cache = cache;
        this.json = json;
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
     * The newest messages, oldest first, from the Redis cache as it holds them (already rendered, so answering costs
     * one Redis round trip and no JSON work); when Redis is down or has no entry for the room, from PostgreSQL, and
     * the entry is stored for the next caller (versioned, so it never overwrites a newer one). {@code nextCursor} is
     * the seq to page further back from with {@code before}, or null at the room's start. No transaction of its own:
     * a cached answer needs no connection.
     */
    @QueryHandler
    RenderedPage handle(FindRecentMessages query) {
        access.requireParticipant(query.roomId(), query.requesterId());
        return cache.readRendered(query.roomId()).orElseGet(() -> {
            fallbacks.increment();
            long version = messages.version(query.roomId()).orElse(0L);
            Rendered known;
            synchronized (rendered) {
                known = rendered.get(query.roomId());
            }
            if (known != null && known.version() == version && version > 0) {
                return known.page(); // nothing has happened in the room since: no rows to read or render
            }
            List<MessageRow> newest = new ArrayList<>(messages.findBefore(query.roomId(), Long.MAX_VALUE,
                    Limit.of(RecentMessagesCache.SIZE)));
            Collections.reverse(newest);
            List<MessageView> views = newest.stream().map(MessageRow::view).toList();
            Long next = views.size() < RecentMessagesCache.SIZE ? null : views.get(0).seq();
            RenderedPage page = new RenderedPage(json.writeValueAsString(new MessagePage(views, next)));
            if (version > 0) {
                cache.replace(query.roomId(), version, views);
                synchronized (rendered) {
                    rendered.put(query.roomId(), new Rendered(version, page));
                }
            }
            return page;
        });
    }

    @QueryHandler
    @Transactional(readOnly = true)
    Optional<MessageView> handle(FindMessage query) {
        Optional<MessageRow> message = messages.findView(query.messageId());
        if (message.isPresent()) {
            try {
                access.requireParticipant(message.get().roomId(), query.requesterId());
            } catch (ChatException e) {
                if (e.code() == ErrorCode.ROOM_NOT_FOUND) {
                    // the room is gone (its deletion decided, the projection may not have removed the row yet):
                    // so are its messages
                    return Optional.empty();
                }
                throw e;
            }
        }
        return message.map(MessageRow::view);
    }

    static int clampLimit(int requested) {
        if (requested <= 0) {
            return DEFAULT_LIMIT;
        }
        return Math.min(requested, MAX_LIMIT);
    }
}

package io.eventchat.query.message;

import io.eventchat.api.message.MessageView;
import io.eventchat.query.processing.ProjectionReplaced;
import io.eventchat.query.processing.ShadowBuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The latest {@value #SIZE} messages of each room in Redis: hash {@code recent:<roomId>} with field {@code v} (the
 * room seq the messages projection has applied) and one field per message seq. Writes are versioned and atomic
 * (Lua): a change applies only on top of the version just before it; a missing or gapped entry is rebuilt from the
 * PostgreSQL read model, which is current at that moment. Redis failures never stop the projection: the room is
 * remembered and its entry deleted as soon as Redis answers, so a stale entry is never served for long.
 */
@Component
public class RecentMessagesCache {

    static final int SIZE = 50;
    private static final Logger log = LoggerFactory.getLogger(RecentMessagesCache.class);
    private static final String PREFIX = "recent:";
    private static final long TTL_SECONDS = 24 * 3600;

    private static final RedisScript<String> APPLY = RedisScript.of("""
            local v = redis.call('HGET', KEYS[1], 'v')
            if not v then return 'MISS' end
            v = tonumber(v)
            local version = tonumber(ARGV[1])
            if v >= version then return 'SKIP' end
            if v ~= version - 1 then return 'GAP' end
            if ARGV[2] == 'put' then
              redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
              local seqs = {}
              for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
                if f ~= 'v' then table.insert(seqs, tonumber(f)) end
              end
              local extra = #seqs - tonumber(ARGV[5])
              if extra > 0 then
                table.sort(seqs)
                for i = 1, extra do redis.call('HDEL', KEYS[1], tostring(seqs[i])) end
              end
            elseif ARGV[2] == 'update' then
              if redis.call('HEXISTS', KEYS[1], ARGV[3]) == 1 then redis.call('HSET', KEYS[1], ARGV[3], ARGV[4]) end
            end
            redis.call('HSET', KEYS[1], 'v', version)
            redis.call('EXPIRE', KEYS[1], ARGV[6])
            return 'OK'
            """, String.class);

    private static final RedisScript<String> REPLACE = RedisScript.of("""
            local v = redis.call('HGET', KEYS[1], 'v')
            if v and tonumber(v) >= tonumber(ARGV[1]) then return 'SKIP' end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'v', ARGV[1])
            for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return 'OK'
            """, String.class);

    enum Change { PUT, UPDATE, NONE }

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Set<UUID> stale = ConcurrentHashMap.newKeySet();

    RecentMessagesCache(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /**
     * Applies the room event {@code version} to the room's entry: {@code message} is the message it created
     * ({@link Change#PUT}) or changed ({@link Change#UPDATE}); {@link Change#NONE} only moves the version on.
     */
    void apply(UUID roomId, long version, Change change, MessageView message, Supplier<List<MessageView>> current) {
        if (ShadowBuild.inProgress()) {
            return; // the cache mirrors the live tables, not a rebuild's shadow copies
        }
        try {
            String result = redis.execute(APPLY, List.of(key(roomId)), Long.toString(version),
                    change.name().toLowerCase(), message == null ? "" : Long.toString(message.seq()),
                    message == null ? "" : json.writeValueAsString(message), Integer.toString(SIZE),
                    Long.toString(TTL_SECONDS));
            if ("MISS".equals(result) || "GAP".equals(result)) {
                replace(roomId, version, current.get());
            }
        } catch (RuntimeException e) {
            markStale(roomId, e);
        }
    }

    /** Stores {@code messages} as the room's entry at {@code version}, unless a newer one is already there. */
    void replace(UUID roomId, long version, List<MessageView> messages) {
        try {
            List<String> args = new ArrayList<>(List.of(Long.toString(version), Long.toString(TTL_SECONDS)));
            for (MessageView message : messages) {
                args.add(Long.toString(message.seq()));
                args.add(json.writeValueAsString(message));
            }
            redis.execute(REPLACE, List.of(key(roomId)), args.toArray());
        } catch (RuntimeException e) {
            markStale(roomId, e);
        }
    }

    /** The room's entry, oldest first; empty when there is none or Redis does not answer. */
    Optional<List<MessageView>> read(UUID roomId) {
        try {
            Map<Object, Object> entry = redis.opsForHash().entries(key(roomId));
            if (entry.isEmpty() || stale.contains(roomId)) {
                return Optional.empty();
            }
            return Optional.of(entry.entrySet().stream().filter(e -> !"v".equals(e.getKey()))
                    .map(e -> json.readValue((String) e.getValue(), MessageView.class))
                    .sorted(Comparator.comparingLong(MessageView::seq)).toList());
        } catch (RuntimeException e) {
            log.debug("Recent-message cache unavailable for room {}: {}", roomId, e.getMessage());
            return Optional.empty();
        }
    }

    void drop(UUID roomId) {
        if (ShadowBuild.inProgress()) {
            return;
        }
        try {
            redis.delete(key(roomId));
        } catch (RuntimeException e) {
            markStale(roomId, e);
        }
    }

    /** The messages projection's tables were replaced by rebuilt ones: entries refill from those. */
    @EventListener
    void on(ProjectionReplaced replaced) {
        if ("messages".equals(replaced.name())) {
            dropAll();
        }
    }

    /** Removes every entry (a rebuild of the projection starts from an empty cache). */
    void dropAll() {
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(PREFIX + "*").count(500).build())) {
            keys.forEachRemaining(redis::delete);
        } catch (RuntimeException e) {
            log.warn("Could not clear the recent-message cache: {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelay = 1000)
    void deleteStaleEntries() {
        for (UUID roomId : Set.copyOf(stale)) {
            try {
                redis.delete(key(roomId));
                stale.remove(roomId);
            } catch (RuntimeException e) {
                return;
            }
        }
    }

    private void markStale(UUID roomId, RuntimeException e) {
        if (stale.add(roomId)) {
            log.warn("Recent-message cache write failed for room {}; it will be dropped when Redis answers: {}",
                    roomId, e.getMessage());
        }
    }

    private static String key(UUID roomId) {
        return PREFIX + roomId;
    }
}

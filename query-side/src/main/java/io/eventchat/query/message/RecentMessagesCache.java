package io.eventchat.query.message;

import io.eventchat.api.message.MessageView;
import io.eventchat.api.message.RenderedPage;
import io.eventchat.query.processing.PoisonIsolation;
import io.eventchat.query.processing.ShadowBuild;
import io.eventchat.query.rebuild.ProjectionReplaced;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The latest {@value #SIZE} messages of each room in Redis: hash {@code recent:<roomId>} with field {@code v} (the
 * room seq the messages projection has applied) and one field per message seq. Writes are versioned and atomic
 * (Lua): a change applies only on top of the version just before it; a missing or gapped entry is rebuilt from the
 * PostgreSQL read model, which is current at that moment. Redis failures never stop the projection: the room is
 * remembered and its entry deleted as soon as Redis answers, so a stale entry is never served. After a failure a
 * {@link RedisBreaker} keeps callers off Redis for {@code chat.cache.redis-retry-after} (one probe per period), so
 * the PostgreSQL fallback runs at full speed instead of waiting on connect timeouts.
 */
@Component
public class RecentMessagesCache {

    static final int SIZE = 50;
    private static final Logger log = LoggerFactory.getLogger(RecentMessagesCache.class);
    private static final String PREFIX = "recent:";
    private static final long TTL_SECONDS = 24 * 3600;

    private static final String BATCH = RecentMessagesCache.class.getName() + ".batch";
    private static final byte[] APPLY_SOURCE = ("""
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
            """).getBytes(StandardCharsets.UTF_8);

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
    private final RedisBreaker breaker;
    private final Set<UUID> stale = ConcurrentHashMap.newKeySet();
    /** Set when the whole cache had to be dropped while Redis did not answer; nothing is served until it is. */
    private volatile boolean dropAllPending;

    RecentMessagesCache(StringRedisTemplate redis, JsonMapper json, Clock clock,
                        @Value("${chat.cache.redis-retry-after:2s}") Duration retryAfter) {
        this.redis = redis;
        this.json = json;
        this.breaker = new RedisBreaker(clock, retryAfter);
    }

    /** One room event's change of its room's entry, waiting for its batch to commit. */
    private record Pending(UUID roomId, long version, Change change, MessageView message,
                           Supplier<List<MessageView>> current) {
    }

    /**
     * Queues the room event {@code version}'s change of the room's entry: {@code message} is the message it created
     * ({@link Change#PUT}) or changed ({@link Change#UPDATE}); {@link Change#NONE} only moves the version on. The
     * changes of a processor's batch go to Redis together (one round trip) once the batch has committed, so the
     * cache never shows what the database does not hold. Outside a unit of work the change is applied at once.
     */
    void queue(UUID roomId, long version, Change change, MessageView message, Supplier<List<MessageView>> current) {
        if (ShadowBuild.inProgress()) {
            return; // the cache mirrors the live tables, not a rebuild's shadow copies
        }
        Pending pending = new Pending(roomId, version, change, message, current);
        if (!CurrentUnitOfWork.isStarted()) {
            apply(List.of(pending));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Pending> batch = root.getOrComputeResource(BATCH, key -> {
            List<Pending> changes = new ArrayList<>();
            root.afterCommit(committed -> apply(changes));
            return changes;
        });
        batch.add(pending);
        PoisonIsolation.undoIfParked(() -> batch.remove(pending));
    }

    /** Applies the changes, in order, in one pipelined round trip; an entry that is missing or gapped is rebuilt. */
    private void apply(List<Pending> changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (!breaker.allow()) {
            changes.forEach(change -> stale.add(change.roomId()));
            return;
        }
        List<Object> results;
        try {
            results = redis.executePipelined((RedisCallback<Object>) connection -> {
                for (Pending change : changes) {
                    connection.scriptingCommands().eval(APPLY_SOURCE, ReturnType.VALUE, 1,
                            bytes(key(change.roomId())), bytes(Long.toString(change.version())),
                            bytes(change.change().name().toLowerCase()),
                            bytes(change.message() == null ? "" : Long.toString(change.message().seq())),
                            change.message() == null ? new byte[0] : json.writeValueAsBytes(change.message()),
                            bytes(Integer.toString(SIZE)), bytes(Long.toString(TTL_SECONDS)));
                }
                return null;
            });
            breaker.succeeded();
        } catch (RuntimeException e) {
            changes.forEach(change -> failed(change.roomId(), e));
            return;
        }
        Set<UUID> rebuilt = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            Object result = results.get(i);
            String answer = result instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(result);
            Pending change = changes.get(i);
            if (("MISS".equals(answer) || "GAP".equals(answer)) && rebuilt.add(change.roomId())) {
                // rebuilt at the latest version of the room in this batch: the database holds all of it by now
                long latest = changes.stream().filter(c -> c.roomId().equals(change.roomId()))
                        .mapToLong(Pending::version).max().orElse(change.version());
                replace(change.roomId(), latest, change.current().get());
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Stores {@code messages} as the room's entry at {@code version}, unless a newer one is already there. */
    void replace(UUID roomId, long version, List<MessageView> messages) {
        if (dropAllPending) {
            return;
        }
        if (!breaker.allow()) {
            stale.add(roomId);
            return;
        }
        try {
            List<String> args = new ArrayList<>(List.of(Long.toString(version), Long.toString(TTL_SECONDS)));
            for (MessageView message : messages) {
                args.add(Long.toString(message.seq()));
                args.add(json.writeValueAsString(message));
            }
            redis.execute(REPLACE, List.of(key(roomId)), args.toArray());
            breaker.succeeded();
        } catch (RuntimeException e) {
            failed(roomId, e);
        }
    }

    /**
     * The room's entry as a rendered {@link MessagePage} ({@code {"items":[…],"nextCursor":…}}, oldest first): the
     * stored JSON of each message, put together in seq order without being parsed. Empty when there is no entry,
     * when it may be stale, or when Redis does not answer (for a couple of seconds after a failure Redis is not even
     * asked, so the fallback is not slowed by timeouts).
     */
    Optional<RenderedPage> readRendered(UUID roomId) {
        if (dropAllPending || stale.contains(roomId) || !breaker.allow()) {
            return Optional.empty();
        }
        Map<Object, Object> entry;
        try {
            entry = redis.opsForHash().entries(key(roomId));
            breaker.succeeded();
        } catch (RuntimeException e) {
            breaker.failed();
            log.debug("Recent-message cache unavailable for room {}: {}", roomId, e.getMessage());
            return Optional.empty();
        }
        if (entry.isEmpty() || stale.contains(roomId)) {
            return Optional.empty();
        }
        TreeMap<Long, String> bySeq = new TreeMap<>();
        entry.forEach((field, value) -> {
            if (!"v".equals(field)) {
                bySeq.put(Long.parseLong((String) field), (String) value);
            }
        });
        StringBuilder page = new StringBuilder(64 + bySeq.size() * 400).append("{\"items\":[");
        page.append(String.join(",", bySeq.values()));
        page.append("],\"nextCursor\":")
                .append(bySeq.size() < SIZE ? "null" : Long.toString(bySeq.firstKey())).append('}');
        return Optional.of(new RenderedPage(page.toString()));
    }

    void drop(UUID roomId) {
        if (ShadowBuild.inProgress()) {
            return;
        }
        if (!breaker.allow()) {
            stale.add(roomId);
            return;
        }
        try {
            redis.delete(key(roomId));
            breaker.succeeded();
        } catch (RuntimeException e) {
            failed(roomId, e);
        }
    }

    /** The rooms projection's tables were replaced by rebuilt ones: entries refill from those. */
    @EventListener
    void on(ProjectionReplaced replaced) {
        if ("rooms".equals(replaced.name())) {
            dropAll();
        }
    }

    /**
     * Removes every entry (a rebuild of the projection starts from an empty cache). When Redis does not answer,
     * nothing is served from the cache until the entries are gone.
     */
    void dropAll() {
        dropAllPending = true;
        if (breaker.allow()) {
            deleteAll();
        }
    }

    private void deleteAll() {
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(PREFIX + "*").count(500).build())) {
            keys.forEachRemaining(redis::delete);
            dropAllPending = false;
            breaker.succeeded();
        } catch (RuntimeException e) {
            breaker.failed();
            log.warn("Could not clear the recent-message cache; it is bypassed until Redis answers: {}",
                    e.getMessage());
        }
    }

    /** Once a second: the entries written while Redis failed are deleted as soon as it answers again. */
    @Scheduled(fixedDelay = 1000)
    void deleteStaleEntries() {
        if ((stale.isEmpty() && !dropAllPending) || !breaker.allow()) {
            return;
        }
        if (dropAllPending) {
            deleteAll();
            if (dropAllPending) {
                return;
            }
        }
        for (UUID roomId : Set.copyOf(stale)) {
            try {
                redis.delete(key(roomId));
                stale.remove(roomId);
                breaker.succeeded();
            } catch (RuntimeException e) {
                breaker.failed();
                return;
            }
        }
    }

    private void failed(UUID roomId, RuntimeException e) {
        breaker.failed();
        if (stale.add(roomId)) {
            log.warn("Recent-message cache write failed for room {}; it will be dropped when Redis answers: {}",
                    roomId, e.getMessage());
        }
    }

    private static String key(UUID roomId) {
        return PREFIX + roomId;
    }
}

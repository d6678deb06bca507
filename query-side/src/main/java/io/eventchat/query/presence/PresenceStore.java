package io.eventchat.query.presence;

import io.eventchat.api.push.PresenceKeys;
import io.eventchat.api.user.FindPresence;
import io.eventchat.api.user.Presence;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads presence from Redis ({@link PresenceKeys}; the gateway's WebSocket layer writes it). A user is online while
 * any of their session entries lies in the future, so several devices count once and a crashed node's sessions lapse
 * on their own. With Redis down everyone reads as offline.
 */
@Component
public class PresenceStore {

    private static final Logger log = LoggerFactory.getLogger(PresenceStore.class);

    private final StringRedisTemplate redis;
    private final Clock clock;

    PresenceStore(StringRedisTemplate redis) {
        this.redis = redis;
        this.clock = Clock.systemUTC();
    }

    public Map<UUID, Boolean> online(Collection<UUID> userIds) {
        Map<UUID, Boolean> result = new HashMap<>();
        if (userIds.isEmpty()) {
            return result;
        }
        List<UUID> ids = new ArrayList<>(userIds);
        long now = clock.millis();
        try {
            List<Object> counts = redis.executePipelined((org.springframework.data.redis.core.RedisCallback<Object>)
                    connection -> {
                        for (UUID id : ids) {
                            connection.zSetCommands().zCount(PresenceKeys.of(id).getBytes(), now,
                                    Double.POSITIVE_INFINITY);
                        }
                        return null;
                    });
            for (int i = 0; i < ids.size(); i++) {
                result.put(ids.get(i), counts.get(i) instanceof Long count && count > 0);
            }
        } catch (RuntimeException e) {
            log.debug("Presence unavailable, reporting everyone offline: {}", e.getMessage());
            ids.forEach(id -> result.put(id, false));
        }
        return result;
    }

    @QueryHandler
    Presence handle(FindPresence query) {
        return new Presence(online(query.userIds()));
    }
}

package io.eventchat.gateway.websocket;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.eventchat.api.push.PresenceKeys;
import io.eventchat.api.push.Push;
import io.eventchat.api.room.Frame;
import io.eventchat.api.user.Audience;
import io.eventchat.api.user.FindPresenceAudience;
import io.eventchat.gateway.identity.CurrentUser;
import io.eventchat.gateway.web.Messaging;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Presence in Redis ({@link PresenceKeys}): each connected session is an entry that expires after a minute unless
 * this node renews it (every 20 s), so a crashed node's sessions stop counting within 60 s. When a user's first
 * session appears or last one goes, a {@code presence} frame goes to their contacts and room members.
 */
@Component
class PresenceTracker {

    private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

    private final StringRedisTemplate redis;
    private final String channel;
    private final Messaging messaging;
    private final JsonMapper json;
    private final StompAuthorization authorization;
    private final Clock clock;
    private final Map<String, CurrentUser> sessions = new ConcurrentHashMap<>();

    PresenceTracker(StringRedisTemplate redis, Messaging messaging, JsonMapper json, StompAuthorization authorization,
                    Clock clock, MeterRegistry meters,
                    @Value(Push.CHANNEL_PROPERTY) String channel) {
        this.channel = channel;
        Gauge.builder("chat.websocket.sessions", sessions, Map::size)
                .description("STOMP sessions connected to this node").register(meters);
        this.redis = redis;
        this.messaging = messaging;
        this.json = json;
        this.authorization = authorization;
        this.clock = clock;
    }

    /** The account's STOMP sessions on this node. */
    Set<String> sessionsOf(UUID userId) {
        return sessions.entrySet().stream().filter(session -> session.getValue().id().equals(userId))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** The STOMP sessions on this node that were opened with a token of login {@code loginId}. */
    Set<String> sessionsOfLogin(UUID loginId) {
        return sessions.entrySet().stream().filter(session -> loginId.equals(session.getValue().loginId()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @EventListener
    void connected(SessionConnectedEvent event) {
        if (!(event.getUser() instanceof StompPrincipal principal)) {
            return;
        }
        String sessionId = (String) event.getMessage().getHeaders().get("simpSessionId");
        UUID userId = principal.user().id();
        sessions.put(sessionId, principal.user());
        try {
            redis.opsForZSet().add(PresenceKeys.of(userId), sessionId, expiry());
            if (liveSessions(userId) == 1) {
                announce(userId, true);
            }
        } catch (RuntimeException e) {
            log.debug("Presence not recorded (Redis): {}", e.getMessage());
        }
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        authorization.forget(event.getSessionId());
        CurrentUser user = sessions.remove(event.getSessionId());
        if (user == null) {
            return;
        }
        UUID userId = user.id();
        try {
            redis.opsForZSet().remove(PresenceKeys.of(userId), event.getSessionId());
            if (liveSessions(userId) == 0) {
                announce(userId, false);
            }
        } catch (RuntimeException e) {
            log.debug("Presence not updated (Redis): {}", e.getMessage());
        }
    }

    @Scheduled(fixedDelay = 20_000)
    void renew() {
        double expiry = expiry();
        sessions.forEach((sessionId, user) -> {
            UUID userId = user.id();
            try {
                redis.opsForZSet().add(PresenceKeys.of(userId), sessionId, expiry);
                redis.opsForZSet().removeRangeByScore(PresenceKeys.of(userId), 0, clock.millis());
            } catch (RuntimeException e) {
                log.debug("Presence not renewed (Redis): {}", e.getMessage());
            }
        });
    }

    private long liveSessions(UUID userId) {
        Long count = redis.opsForZSet().count(PresenceKeys.of(userId), clock.millis(), Double.POSITIVE_INFINITY);
        return count == null ? 0 : count;
    }

    private void announce(UUID userId, boolean online) {
        Audience audience = messaging.query(new FindPresenceAudience(userId), ResponseTypes.instanceOf(Audience.class));
        if (audience.userIds().isEmpty()) {
            return;
        }
        Frame frame = new Frame("presence", null, null, clock.instant(),
                Map.of("userId", userId, "online", online));
        redis.convertAndSend(channel, json.writeValueAsString(new Push(frame, false, audience.userIds(), null)));
    }

    private double expiry() {
        return clock.millis() + PresenceKeys.SESSION_TTL_MILLIS;
    }
}

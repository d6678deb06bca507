package io.eventchat.gateway.websocket;

import io.eventchat.api.push.Push;
import io.eventchat.api.room.Frame;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Typing is ephemeral: no command, no event. A participant's SEND to {@code /app/rooms/{roomId}/typing} (checked by
 * {@link StompAuthorization}) becomes a {@code typing} frame for the room's other subscribers on every node; it
 * states until when it holds, and clients drop it then unless it was renewed.
 */
@Controller
class TypingController {

    static final Duration EXPIRES_AFTER = Duration.ofSeconds(5);

    private final StringRedisTemplate redis;
    private final String channel;
    private final JsonMapper json;
    private final RoomRelay relay;
    private final Clock clock;

    TypingController(StringRedisTemplate redis, JsonMapper json, RoomRelay relay, Clock clock,
                     @Value(Push.CHANNEL_PROPERTY) String channel) {
        this.channel = channel;
        this.redis = redis;
        this.json = json;
        this.relay = relay;
        this.clock = clock;
    }

    @MessageMapping("/rooms/{roomId}/typing")
    void typing(@DestinationVariable UUID roomId, Message<byte[]> message, Principal principal) {
        StompPrincipal user = (StompPrincipal) principal;
        boolean typing = true;
        byte[] body = message.getPayload();
        if (body.length > 0) {
            JsonNode node = json.readTree(body);
            typing = !node.has("typing") || node.path("typing").asBoolean(true);
        }
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", user.user().id());
        data.put("username", user.user().username());
        data.put("typing", typing);
        data.put("expiresAt", typing ? now.plus(EXPIRES_AFTER) : now);
        Push push = new Push(new Frame("typing", roomId, null, now, data), true, Set.of(), user.user().id());
        try {
            redis.convertAndSend(channel, json.writeValueAsString(push));
        } catch (RuntimeException e) {
            // without Redis, at least this node's sessions see it
            relay.deliver(push);
        }
    }
}

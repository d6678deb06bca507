package io.eventchat.query.push;

import io.eventchat.api.push.Push;
import io.eventchat.api.room.Frame;
import io.eventchat.api.user.UserDeactivated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.Set;

/**
 * Tells every node that an account was deactivated (by an admin, or by its owner deleting it), so that each ends
 * the account's open WebSocket sessions: checks at CONNECT and SUBSCRIBE refuse the account from then on, but a
 * session already subscribed would otherwise go on receiving its rooms' frames. The frame
 * {@value Push#ACCOUNT_ENDED} goes to the account's own queue on the push channel; nodes act on it instead of forwarding it.
 * Runs in the {@code users} group on the node that owns the account's segment, once; never on replays.
 */
@Component
@ProcessingGroup("users")
class AccountEndedPublisher {

    private static final Logger log = LoggerFactory.getLogger(AccountEndedPublisher.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String channel;

    AccountEndedPublisher(StringRedisTemplate redis, JsonMapper json,
                          @Value(Push.CHANNEL_PROPERTY) String channel) {
        this.redis = redis;
        this.json = json;
        this.channel = channel;
    }

    @EventHandler
    @DisallowReplay
    void on(UserDeactivated event) {
        Frame frame = new Frame(Push.ACCOUNT_ENDED, null, null, event.at(), Map.of("userId", event.userId()));
        try {
            redis.convertAndSend(channel, json.writeValueAsString(new Push(frame, false, Set.of(event.userId()), null)));
        } catch (RuntimeException e) {
            // the sessions then end when they reconnect (refused) or expire; the account cannot act through them
            log.warn("Could not announce the deactivation of {} to the nodes (Redis): {}", event.userId(),
                    e.getMessage());
        }
    }
}

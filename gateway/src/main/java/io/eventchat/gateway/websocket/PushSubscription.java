package io.eventchat.gateway.websocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this node subscribed to the push channel. Redis may be down when the node starts: the chat then works
 * without live frames from other nodes (clients catch up with since-seq), and the subscription is made as soon as
 * Redis answers. Once running, the listener container reconnects by itself.
 */
@Component
class PushSubscription {

    private static final Logger log = LoggerFactory.getLogger(PushSubscription.class);

    private final RedisMessageListenerContainer container;
    private boolean warned;

    PushSubscription(@Qualifier("pushListener") RedisMessageListenerContainer container) {
        this.container = container;
    }

    @Scheduled(initialDelay = 0, fixedDelay = 2000)
    void ensureSubscribed() {
        if (container.isRunning()) {
            return;
        }
        try {
            container.start();
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) {
                log.warn("Not subscribed to pushed frames yet, Redis is unreachable: {}", e.getMessage());
                warned = true;
            }
            container.stop();
        }
    }
}

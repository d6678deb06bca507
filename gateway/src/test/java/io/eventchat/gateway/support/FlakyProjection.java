package io.eventchat.gateway.support;

import io.eventchat.api.message.MessagePosted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only projection that fails twice on messages whose content starts with {@code flaky:} and succeeds on the
 * third delivery. With Axon's default error handling the event would be logged and skipped after the first failure.
 */
@Component
@ProcessingGroup("it-flaky")
public class FlakyProjection {

    public static final Map<UUID, Integer> ATTEMPTS = new ConcurrentHashMap<>();
    public static final Set<UUID> APPLIED = ConcurrentHashMap.newKeySet();

    @EventHandler
    void on(MessagePosted event) {
        if (!event.content().startsWith("flaky:")) {
            return;
        }
        int attempt = ATTEMPTS.merge(event.messageId(), 1, Integer::sum);
        if (attempt < 3) {
            throw new IllegalStateException("simulated failure " + attempt + " of a projection");
        }
        APPLIED.add(event.messageId());
    }
}

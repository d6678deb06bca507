package io.eventchat.gateway.support;

import io.eventchat.api.message.MessagePosted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A test-only handler in the real {@code rooms} projection that cannot handle messages starting with
 * {@code poison:} while {@link #broken}: the stand-in for a bug that a fix later removes.
 */
@Component
@ProcessingGroup("rooms")
public class PoisonProjection {

    public static volatile boolean broken;

    @EventHandler
    void on(MessagePosted event) {
        if (broken && event.content().startsWith("poison:")) {
            throw new IllegalStateException("poison: cannot handle message " + event.messageId());
        }
    }
}

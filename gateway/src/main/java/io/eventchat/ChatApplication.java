package io.eventchat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The chat backend. Lives at the root package so that the command side and the query side, present on the
 * runtime classpath, are picked up by component scanning without the gateway referring to them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChatApplication {

    public static void main(String[] args) {
        // Axon asks its vendor for updates at start-up unless told not to; this product makes no outside calls.
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(ChatApplication.class, args);
    }
}

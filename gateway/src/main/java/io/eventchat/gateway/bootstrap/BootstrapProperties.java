package io.eventchat.gateway.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the application makes sure exists at start-up.
 *
 * @param admin the admin account, from {@code CHAT_ADMIN_USERNAME} / {@code CHAT_ADMIN_PASSWORD}
 *              ({@code CHAT_ADMIN_EMAIL} optional); no account when the username is empty
 * @param seed  the default data: the WelcomeBot, TestUser and the Bienvenida room
 */
@ConfigurationProperties("chat")
record BootstrapProperties(@DefaultValue Admin admin, @DefaultValue Seed seed) {

    record Admin(String username, String password, String email) {
    }

    record Seed(@DefaultValue("true") boolean enabled) {
    }
}

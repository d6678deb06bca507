package io.eventchat.gateway.bootstrap;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.message.PostMessage;
import io.eventchat.api.room.CreateRoom;
import io.eventchat.api.room.RoomType;
import io.eventchat.api.user.Account;
import io.eventchat.api.user.ChangeRole;
import io.eventchat.api.user.FindAccount;
import io.eventchat.api.user.ReactivateUser;
import io.eventchat.api.user.RegisterUser;
import io.eventchat.api.user.Role;
import io.eventchat.gateway.auth.RefreshTokens;
import io.eventchat.gateway.security.PasswordHashing;
import io.eventchat.gateway.web.Messaging;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Makes sure the configured admin account and the default data exist. Every step is idempotent and safe when
 * several nodes start at once: the default data has fixed identifiers, so a second node's attempt collides with the
 * first one's (unique usernames, one event stream per room, one message per clientMessageId) and changes nothing.
 */
@Component
class StartupData implements ApplicationRunner {

    static final UUID WELCOME_BOT = fixedId("user:WelcomeBot");
    static final UUID TEST_USER = fixedId("user:TestUser");
    static final UUID BIENVENIDA = fixedId("room:Bienvenida");
    static final UUID WELCOME_MESSAGE = fixedId("message:welcome");
    private static final Logger log = LoggerFactory.getLogger(StartupData.class);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

    private final Messaging messaging;
    private final PasswordHashing passwords;
    private final RefreshTokens refreshTokens;
    private final BootstrapProperties properties;
    private final Clock clock;

    StartupData(Messaging messaging, PasswordHashing passwords, RefreshTokens refreshTokens,
                BootstrapProperties properties, Clock clock) {
        this.messaging = messaging;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureAdmin();
        if (properties.seed().enabled()) {
            seedWelcome();
        }
    }

    private void ensureAdmin() {
        BootstrapProperties.Admin admin = properties.admin();
        if (admin == null || admin.username() == null || admin.username().isBlank()) {
            log.info("No admin account configured (set CHAT_ADMIN_USERNAME and CHAT_ADMIN_PASSWORD to have one)");
            return;
        }
        String username = admin.username().strip();
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalStateException("CHAT_ADMIN_USERNAME must be 3 to 32 of A-Z, a-z, 0-9, _ . -");
        }
        Optional<Account> existing = find(username);
        if (existing.isEmpty()) {
            String password = admin.password();
            if (password == null || password.length() < 8 || password.length() > 128) {
                throw new IllegalStateException("CHAT_ADMIN_PASSWORD must be 8 to 128 characters");
            }
            String email = admin.email() == null || admin.email().isBlank()
                    ? username.toLowerCase() + "@eventchat.local" : admin.email().strip();
            register(UUID.randomUUID(), username, email, username, passwords.hash(password), Role.ADMIN);
            existing = find(username);
        }
        existing.ifPresent(account -> {
            if (account.role() != Role.ADMIN) {
                messaging.send(new ChangeRole(account.userId(), Role.ADMIN, account.userId(), now()),
                        ErrorCode.USER_NOT_FOUND);
                // as after any role change, the sessions granted under the old role end
                refreshTokens.revokeAll(account.userId());
            }
            if (!account.active()) {
                messaging.send(new ReactivateUser(account.userId(), account.userId(), now()), ErrorCode.USER_NOT_FOUND);
            }
            log.info("Admin account '{}' is ready", account.username());
        });
    }

    private void seedWelcome() {
        byte[] unusable = new byte[32];
        new SecureRandom().nextBytes(unusable);
        register(WELCOME_BOT, "WelcomeBot", "welcomebot@eventchat.local", "Welcome Bot",
                passwords.hash(Base64.getEncoder().encodeToString(unusable)), Role.USER);
        register(TEST_USER, "TestUser", "testuser@eventchat.local", "Test User", passwords.hash("pass1234"), Role.USER);
        try {
            messaging.send(new CreateRoom(BIENVENIDA, "Bienvenida", RoomType.GROUP, WELCOME_BOT, Set.of(TEST_USER),
                    now()), ErrorCode.ROOM_NOT_FOUND);
        } catch (ChatException e) {
            if (e.code() != ErrorCode.ALREADY_EXISTS) {
                log.warn("Default room not created: {}", e.getMessage());
                return;
            }
        }
        messaging.send(new PostMessage(BIENVENIDA, WELCOME_MESSAGE, WELCOME_BOT,
                "¡Bienvenido a EventChat! Welcome: say hello, invite your friends, and enjoy the chat.", "welcome",
                null, List.of(), now()), ErrorCode.ROOM_NOT_FOUND);
    }

    private void register(UUID id, String username, String email, String displayName, String hash, Role role) {
        try {
            messaging.send(new RegisterUser(id, username, email, displayName, hash, role, now()),
                    ErrorCode.USER_NOT_FOUND);
            log.info("Created account '{}'", username);
        } catch (ChatException e) {
            if (e.code() != ErrorCode.USERNAME_TAKEN && e.code() != ErrorCode.EMAIL_TAKEN
                    && e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    private Optional<Account> find(String username) {
        return messaging.query(new FindAccount(username), ResponseTypes.optionalInstanceOf(Account.class));
    }

    private Instant now() {
        return clock.instant();
    }

    private static UUID fixedId(String name) {
        return UUID.nameUUIDFromBytes(("eventchat:" + name).getBytes(StandardCharsets.UTF_8));
    }
}

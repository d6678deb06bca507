package io.eventchat.gateway.bootstrap;

import io.eventchat.api.user.Account;
import io.eventchat.api.user.ChangeRole;
import io.eventchat.api.user.FindAccount;
import io.eventchat.api.user.RegisterUser;
import io.eventchat.api.user.Role;
import io.eventchat.gateway.auth.RefreshTokens;
import io.eventchat.gateway.security.PasswordHashing;
import io.eventchat.gateway.web.Messaging;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The admin bootstrap, without a database: which commands start-up sends for which configuration. */
class StartupDataTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final Messaging messaging = mock(Messaging.class);
    private final PasswordHashing passwords = mock(PasswordHashing.class);
    private final RefreshTokens refreshTokens = mock(RefreshTokens.class);

    private StartupData startup(String adminUsername, String adminPassword, boolean seed) {
        when(passwords.hash(any())).thenReturn("$2a$10$hash");
        return new StartupData(messaging, passwords, refreshTokens, new BootstrapProperties(
                new BootstrapProperties.Admin(adminUsername, adminPassword, null), new BootstrapProperties.Seed(seed)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<Object> sentCommands() {
        ArgumentCaptor<Object> commands = ArgumentCaptor.forClass(Object.class);
        verify(messaging, atLeast(0)).send(commands.capture(), any());
        return commands.getAllValues();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void withoutAnAdminUsernameNoAccountIsCreatedOrTouched(String username) {
        startup(username, "some-password", false).run(null);
        verifyNoInteractions(messaging, refreshTokens);
    }

    @Test
    void withoutAnAdminUsernameTheSeedHasNoAdminEither() {
        startup("", "", true).run(null);
        List<Object> sent = sentCommands();
        assertThat(sent).filteredOn(RegisterUser.class::isInstance).map(c -> ((RegisterUser) c).username())
                .containsExactly("WelcomeBot", "TestUser");
        assertThat(sent).filteredOn(RegisterUser.class::isInstance)
                .allMatch(c -> ((RegisterUser) c).role() == Role.USER);
        assertThat(sent).noneMatch(ChangeRole.class::isInstance);
    }

    @Test
    void aConfiguredAdminIsCreatedWithTheAdminRole() {
        Account created = new Account(UUID.randomUUID(), "boss", "boss@eventchat.local", "boss", Role.ADMIN, true,
                "$2a$10$hash", NOW, null);
        doReturn(Optional.empty(), Optional.of(created))
                .when(messaging).query(any(FindAccount.class), any(ResponseType.class));
        startup("boss", "boss-password", false).run(null);
        assertThat(sentCommands()).singleElement().isInstanceOfSatisfying(RegisterUser.class, command -> {
            assertThat(command.username()).isEqualTo("boss");
            assertThat(command.role()).isEqualTo(Role.ADMIN);
        });
        verify(refreshTokens, never()).revokeAll(any());
    }

    @Test
    void anExistingAccountIsPromotedAndItsSessionsEnd() {
        Account existing = new Account(UUID.randomUUID(), "boss", "boss@example.org", "Boss", Role.USER, true,
                "$2a$10$hash", NOW, null);
        doReturn(Optional.of(existing)).when(messaging).query(any(FindAccount.class), any(ResponseType.class));
        startup("boss", null, false).run(null);
        assertThat(sentCommands()).containsExactly(new ChangeRole(existing.userId(), Role.ADMIN, existing.userId(), NOW));
        verify(refreshTokens).revokeAll(existing.userId());
    }
}

package io.eventchat.gateway.security;

import io.eventchat.api.user.AccountStatus;
import io.eventchat.api.user.FindAccountStatus;
import io.eventchat.api.user.Role;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class AccountStatusesTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final QueryGateway queries = mock(QueryGateway.class);
    private final MovableClock clock = new MovableClock(T0);
    private final AccountStatuses statuses = new AccountStatuses(queries, clock);
    private final UUID userId = UUID.randomUUID();
    private final CurrentUser claimed = new CurrentUser(userId, "alice", Role.ADMIN);

    private void registryAnswers(AccountStatus status) {
        doReturn(CompletableFuture.completedFuture(Optional.ofNullable(status)))
                .when(queries).query(eq(new FindAccountStatus(userId)), any(ResponseType.class));
    }

    private InvalidTokenException refusal() {
        return catchThrowableOfType(InvalidTokenException.class, () -> statuses.confirm(claimed));
    }

    @Test
    void theRoleIsTheAccountsNotTheTokens() {
        registryAnswers(new AccountStatus(userId, Role.USER, true));
        assertThat(statuses.confirm(claimed)).isEqualTo(new CurrentUser(userId, "alice", Role.USER));
    }

    @Test
    void aDeactivatedAccountIsRefusedAsForbidden() {
        registryAnswers(new AccountStatus(userId, Role.ADMIN, false));
        InvalidTokenException refused = refusal();
        assertThat(refused.code()).isEqualTo("ACCOUNT_DEACTIVATED");
        assertThat(refused.forbidden()).isTrue();
    }

    @Test
    void aTokenOfNoAccountIsInvalid() {
        registryAnswers(null);
        InvalidTokenException refused = refusal();
        assertThat(refused.code()).isEqualTo("INVALID_TOKEN");
        assertThat(refused.forbidden()).isFalse();
    }

    @Test
    void anAnswerIsKeptForASecondThenAskedAgain() {
        registryAnswers(new AccountStatus(userId, Role.USER, true));
        statuses.confirm(claimed);
        clock.advance(AccountStatuses.FRESHNESS.minusMillis(1));
        statuses.confirm(claimed);
        verify(queries, times(1)).query(eq(new FindAccountStatus(userId)), any(ResponseType.class));

        registryAnswers(new AccountStatus(userId, Role.USER, false));
        clock.advance(Duration.ofMillis(1));
        assertThat(refusal().code()).isEqualTo("ACCOUNT_DEACTIVATED");
        verify(queries, times(2)).query(eq(new FindAccountStatus(userId)), any(ResponseType.class));
    }

    @Test
    void aForgottenAnswerIsAskedAgainAtOnce() {
        registryAnswers(new AccountStatus(userId, Role.ADMIN, true));
        assertThat(statuses.confirm(claimed).role()).isEqualTo(Role.ADMIN);
        registryAnswers(new AccountStatus(userId, Role.USER, true));
        statuses.forget(userId);
        assertThat(statuses.confirm(claimed).role()).isEqualTo(Role.USER);
    }

    @Test
    void forgettingStaleAnswersKeepsFreshOnes() {
        registryAnswers(new AccountStatus(userId, Role.USER, true));
        statuses.confirm(claimed);
        statuses.forgetStale();
        statuses.confirm(claimed);
        verify(queries, times(1)).query(eq(new FindAccountStatus(userId)), any(ResponseType.class));
    }
}

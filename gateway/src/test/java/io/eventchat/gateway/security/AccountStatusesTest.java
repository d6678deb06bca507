package io.eventchat.gateway.security;

import io.eventchat.api.user.AccountStatus;
import io.eventchat.api.user.FindAccountStatus;
import io.eventchat.api.user.Role;
import io.eventchat.gateway.identity.CurrentUser;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

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

    private final QueryGateway queries = mock(QueryGateway.class);
    private final AccountStatuses statuses = new AccountStatuses(queries);
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
    void everyRequestIsJudgedByTheRegistrysAnswerOfThatMoment() {
        registryAnswers(new AccountStatus(userId, Role.ADMIN, true));
        assertThat(statuses.confirm(claimed).role()).isEqualTo(Role.ADMIN);
        registryAnswers(new AccountStatus(userId, Role.USER, true));
        assertThat(statuses.confirm(claimed).role()).isEqualTo(Role.USER);
        registryAnswers(new AccountStatus(userId, Role.USER, false));
        assertThat(refusal().code()).isEqualTo("ACCOUNT_DEACTIVATED");
        verify(queries, times(3)).query(eq(new FindAccountStatus(userId)), any(ResponseType.class));
    }
}

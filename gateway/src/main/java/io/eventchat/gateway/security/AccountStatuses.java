package io.eventchat.gateway.security;

import io.eventchat.api.ErrorCode;
import io.eventchat.api.user.AccountStatus;
import io.eventchat.api.user.FindAccountStatus;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The caller as their account is now, not as their access token remembers it. An access token lives up to 15
 * minutes and cannot be taken back, so each authenticated request asks the account registry whether the account is
 * still active and takes the role from there. Each answer is kept for {@link #FRESHNESS} per user on this node: a
 * burst of requests costs one query, and a deactivation or a role change reaches every node within that time (the
 * node that makes the change {@link #forget forgets} its answer at once).
 */
@Component
public class AccountStatuses {

    static final Duration FRESHNESS = Duration.ofSeconds(1);

    private final QueryGateway queries;
    private final Clock clock;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    AccountStatuses(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * The user a verified token names, with the account's current role.
     *
     * @throws InvalidTokenException ACCOUNT_DEACTIVATED for a deactivated account, INVALID_TOKEN for an id that names
     *                               no account
     */
    public CurrentUser confirm(CurrentUser claimed) {
        Instant now = clock.instant();
        Entry entry = entries.get(claimed.id());
        if (entry == null || !now.isBefore(entry.freshUntil())) {
            entry = new Entry(lookUp(claimed.id()), now.plus(FRESHNESS));
            entries.put(claimed.id(), entry);
        }
        AccountStatus status = entry.status();
        if (status == null) {
            throw new InvalidTokenException("INVALID_TOKEN", "The access token is not valid.");
        }
        if (!status.active()) {
            throw new InvalidTokenException(ErrorCode.ACCOUNT_DEACTIVATED.name(),
                    "This account is deactivated; its sessions have ended.", true);
        }
        return new CurrentUser(claimed.id(), claimed.username(), status.role());
    }

    private AccountStatus lookUp(UUID userId) {
        return queries.query(new FindAccountStatus(userId), ResponseTypes.optionalInstanceOf(AccountStatus.class))
                .join().orElse(null);
    }

    /** Drops what this node knows of the account, after it changed the account's role or active flag itself. */
    public void forget(UUID userId) {
        entries.remove(userId);
    }

    /** Entries are useless a moment after they are written; this keeps the map to the recently active users. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void forgetStale() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> !now.isBefore(entry.freshUntil()));
    }

    private record Entry(AccountStatus status, Instant freshUntil) {
    }
}

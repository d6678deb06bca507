package io.eventchat.gateway.security;

import io.eventchat.api.ErrorCode;
import io.eventchat.api.user.AccountStatus;
import io.eventchat.api.user.FindAccountStatus;
import io.eventchat.gateway.identity.CurrentUser;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The caller as their account is now, not as their access token remembers it. An access token lives up to 15
 * minutes and cannot be taken back, so each authenticated request asks the account registry whether the account is
 * still active and takes the role from there. The registry answers from memory that a deactivation or a role change
 * clears on every node before it answers (the command side's access revocations), so this costs no round trip and
 * leaves no window.
 */
@Component
public class AccountStatuses {

    private final QueryGateway queries;

    AccountStatuses(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * The user a verified token names, with the account's current role.
     *
     * @throws InvalidTokenException ACCOUNT_DEACTIVATED for a deactivated account, INVALID_TOKEN for an id that names
     *                               no account
     */
    public CurrentUser confirm(CurrentUser claimed) {
        AccountStatus status = queries.query(new FindAccountStatus(claimed.id()),
                ResponseTypes.optionalInstanceOf(AccountStatus.class)).join().orElse(null);
        if (status == null) {
            throw new InvalidTokenException("INVALID_TOKEN", "The access token is not valid.");
        }
        if (!status.active()) {
            throw new InvalidTokenException(ErrorCode.ACCOUNT_DEACTIVATED.name(),
                    "This account is deactivated; its sessions have ended.", true);
        }
        return new CurrentUser(claimed.id(), claimed.username(), status.role(), claimed.loginId());
    }
}

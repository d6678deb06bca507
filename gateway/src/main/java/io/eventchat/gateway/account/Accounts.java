package io.eventchat.gateway.account;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.user.Account;
import io.eventchat.api.user.FindAccountById;
import io.eventchat.gateway.web.Messaging;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/** Reads accounts from the command side's registry, which is always current (unlike the read models). */
@Component
public class Accounts {

    private final Messaging messaging;

    Accounts(Messaging messaging) {
        this.messaging = messaging;
    }

    public Optional<Account> find(UUID userId) {
        return messaging.query(new FindAccountById(userId), ResponseTypes.optionalInstanceOf(Account.class));
    }

    public Account require(UUID userId) {
        return find(userId).orElseThrow(() -> new ChatException(ErrorCode.USER_NOT_FOUND, "No such user."));
    }
}

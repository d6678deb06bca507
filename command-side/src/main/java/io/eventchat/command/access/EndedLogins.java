package io.eventchat.command.access;

import io.eventchat.api.access.EndLogins;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Ends logins: each is recorded as a revocation, so every node refuses its access tokens before the command answers. */
@Component
class EndedLogins {

    private final AccessRevocations revocations;

    EndedLogins(AccessRevocations revocations) {
        this.revocations = revocations;
    }

    @CommandHandler
    void handle(EndLogins command) {
        for (UUID login : command.loginIds()) {
            revocations.recordEndedLogin(command.userId(), login);
        }
    }
}

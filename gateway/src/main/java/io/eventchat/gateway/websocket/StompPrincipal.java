package io.eventchat.gateway.websocket;

import io.eventchat.gateway.identity.CurrentUser;

import java.security.Principal;

/** A STOMP session's user; its name is the user id, so user destinations address users by id. */
record StompPrincipal(CurrentUser user) implements Principal {

    @Override
    public String getName() {
        return user.id().toString();
    }
}

package io.eventchat.query.user;

import io.eventchat.api.user.DisplayNameChanged;
import io.eventchat.api.user.RoleChanged;
import io.eventchat.api.user.Sealed;
import io.eventchat.api.user.UnsealPersonalData;
import io.eventchat.api.user.UserDeactivated;
import io.eventchat.api.user.UserErased;
import io.eventchat.api.user.UserLoggedIn;
import io.eventchat.api.user.UserReactivated;
import io.eventchat.api.user.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Keeps {@code chat_user} in step with account events. Display names arrive sealed; they are opened through the
 * command side's vault, and read as null once their owner has been erased (also on a replay). Applying an event twice
 * leaves the same row.
 */
@Component
@ProcessingGroup("users")
class UserDirectoryProjection {

    private final ChatUserRepository users;
    private final QueryGateway queries;

    UserDirectoryProjection(ChatUserRepository users, QueryGateway queries) {
        this.users = users;
        this.queries = queries;
    }

    @EventHandler
    void on(UserRegistered event) {
        users.save(new ChatUser(event.userId(), event.username(), unseal(event.userId(), event.displayName()),
                event.role(), event.at()));
    }

    @EventHandler
    void on(UserLoggedIn event) {
        users.findById(event.userId()).ifPresent(user -> user.loggedIn(event.at()));
    }

    @EventHandler
    void on(DisplayNameChanged event) {
        users.findById(event.userId()).ifPresent(user -> user.displayName(unseal(event.userId(), event.displayName())));
    }

    @EventHandler
    void on(RoleChanged event) {
        users.findById(event.userId()).ifPresent(user -> user.role(event.role()));
    }

    @EventHandler
    void on(UserDeactivated event) {
        users.findById(event.userId()).ifPresent(user -> user.active(false));
    }

    @EventHandler
    void on(UserReactivated event) {
        users.findById(event.userId()).ifPresent(user -> user.active(true));
    }

    @EventHandler
    void on(UserErased event) {
        users.findById(event.userId()).ifPresent(user -> user.displayName(null));
    }

    private String unseal(UUID userId, Sealed sealed) {
        if (sealed == null) {
            return null;
        }
        return queries.query(new UnsealPersonalData(userId, sealed), ResponseTypes.optionalInstanceOf(String.class))
                .join().orElse(null);
    }
}

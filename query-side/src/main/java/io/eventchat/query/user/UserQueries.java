package io.eventchat.query.user;

import io.eventchat.api.user.FindContacts;
import io.eventchat.api.user.FindPublicProfile;
import io.eventchat.api.user.ProfileList;
import io.eventchat.api.user.PublicProfile;
import io.eventchat.api.user.SearchUsers;
import io.eventchat.query.presence.PresenceStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Public profiles: by id, by prefix, and a user's contacts, each with its online flag. */
@Component
class UserQueries {

    private final ChatUserRepository users;
    private final PresenceStore presence;

    UserQueries(ChatUserRepository users, PresenceStore presence) {
        this.users = users;
        this.presence = presence;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    Optional<PublicProfile> handle(FindPublicProfile query) {
        return users.findByIdAndActiveTrue(query.userId()).map(user -> profiles(List.of(user)).get(0));
    }

    @QueryHandler
    @Transactional(readOnly = true)
    ProfileList handle(SearchUsers query) {
        String prefix = query.prefix() == null ? "" : query.prefix().strip().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        int limit = query.limit() <= 0 ? 20 : Math.min(query.limit(), SearchUsers.MAX_LIMIT);
        return new ProfileList(profiles(users.search(prefix + "%", Limit.of(limit))));
    }

    @QueryHandler
    @Transactional(readOnly = true)
    ProfileList handle(FindContacts query) {
        return new ProfileList(profiles(users.contactsOf(query.userId())));
    }

    private List<PublicProfile> profiles(List<ChatUser> found) {
        Map<UUID, Boolean> online = presence.online(found.stream().map(ChatUser::id).collect(Collectors.toSet()));
        return found.stream()
                .map(u -> new PublicProfile(u.id(), u.username(), u.displayName(), online.getOrDefault(u.id(), false)))
                .toList();
    }
}

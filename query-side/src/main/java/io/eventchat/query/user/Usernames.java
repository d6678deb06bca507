package io.eventchat.query.user;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Usernames by user id, from memory: a username never changes (erasure keeps it as the public handle of past
 * messages), so once read it is kept. Frames and cached messages carry the sender's username; without this each
 * cost a query.
 */
@Component
public class Usernames {

    private static final int MAX_KNOWN = 500_000;

    private final JdbcClient jdbc;
    private final Map<UUID, String> known = new ConcurrentHashMap<>();

    Usernames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's username, or null while the users projection has not taken the account in. */
    public String of(UUID userId) {
        if (userId == null) {
            return null;
        }
        String username = known.get(userId);
        if (username != null) {
            return username;
        }
        username = jdbc.sql("SELECT username FROM chat_user WHERE id = ?").param(userId).query(String.class)
                .optional().orElse(null);
        if (username != null) {
            if (known.size() >= MAX_KNOWN) {
                known.clear();
            }
            known.put(userId, username);
        }
        return username;
    }
}

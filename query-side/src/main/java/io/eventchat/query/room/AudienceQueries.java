package io.eventchat.query.room;

import io.eventchat.api.user.Audience;
import io.eventchat.api.user.FindPresenceAudience;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashSet;
import java.util.UUID;

/** Who is told about a user's presence. */
@Component
class AudienceQueries {

    private final JdbcClient jdbc;

    AudienceQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    Audience handle(FindPresenceAudience query) {
        return new Audience(new HashSet<>(jdbc.sql("""
                        SELECT owner_id FROM contact WHERE contact_id = :user
                        UNION
                        SELECT other.user_id FROM room_participant mine
                        JOIN room_participant other ON other.room_id = mine.room_id
                        WHERE mine.user_id = :user AND other.user_id <> :user""")
                .param("user", query.userId())
                .query(UUID.class)
                .list()));
    }
}

package io.eventchat.query.timeline;

import io.eventchat.api.room.FindRoomEvents;
import io.eventchat.api.room.Frame;
import io.eventchat.api.room.FramePage;
import io.eventchat.query.access.RoomAccess;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Catch-up: a room's frames after a given seq, in order. */
@Component
class TimelineQueries {

    static final int MAX_LIMIT = 200;
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RoomAccess access;

    TimelineQueries(JdbcClient jdbc, JsonMapper json, RoomAccess access) {
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    FramePage handle(FindRoomEvents query) {
        access.requireParticipant(query.roomId(), query.requesterId());
        int limit = query.limit() <= 0 ? 50 : Math.min(query.limit(), MAX_LIMIT);
        List<Frame> frames = new ArrayList<>(jdbc.sql("""
                        SELECT room_id, seq, type, at, data::text AS data FROM room_frame
                        WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT ?""")
                .params(query.roomId(), query.after(), limit + 1)
                .query((rs, n) -> new Frame(rs.getString("type"), rs.getObject("room_id", UUID.class),
                        rs.getLong("seq"), rs.getTimestamp("at").toInstant(), json.readValue(rs.getString("data"), DATA)))
                .list());
        boolean more = frames.size() > limit;
        if (more) {
            frames.remove(frames.size() - 1);
        }
        Map<UUID, String> usernames = usernames(frames);
        return new FramePage(frames.stream().map(f -> Frames.named(f, usernames::get)).toList(),
                more ? frames.get(frames.size() - 1).seq() : null);
    }

    private Map<UUID, String> usernames(List<Frame> frames) {
        Set<UUID> ids = frames.stream().map(Frames::namedUser).flatMap(Optional::stream).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> names = new HashMap<>();
        jdbc.sql("SELECT id, username FROM chat_user WHERE id = ANY (?)").param(ids.toArray(UUID[]::new))
                .query(rs -> {
                    names.put(rs.getObject("id", UUID.class), rs.getString("username"));
                });
        return names;
    }
}

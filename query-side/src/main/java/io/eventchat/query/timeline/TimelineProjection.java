package io.eventchat.query.timeline;

import io.eventchat.api.room.Frame;
import io.eventchat.api.room.RoomDeleted;
import io.eventchat.api.room.RoomEvent;
import io.eventchat.query.processing.ProjectionWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;

/**
 * Stores each room event's frame in {@code room_frame}, keyed by (room, seq), so a replay inserts nothing twice.
 * Runs in the {@code messages} processing group, so a frame is stored in the same transaction as the message it
 * announces.
 */
@Component
@ProcessingGroup("rooms")
class TimelineProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ProjectionWrites writes;

    TimelineProjection(JdbcClient jdbc, JsonMapper json, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.json = json;
        this.writes = writes;
    }

    @EventHandler
    void on(RoomDeleted event) {
        writes.flush();
        jdbc.sql("DELETE FROM room_frame WHERE room_id = ?").param(event.roomId()).update();
    }

    @EventHandler
    void on(RoomEvent event) {
        Frame frame = Frames.of(event);
        writes.write("""
                        INSERT INTO room_frame (room_id, seq, type, at, data) VALUES (?, ?, ?, ?, CAST(? AS jsonb))
                        ON CONFLICT DO NOTHING""",
                frame.roomId(), frame.seq(), frame.type(), Timestamp.from(frame.at()),
                json.writeValueAsString(frame.data()));
    }
}

package io.eventchat.gateway.support;

import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Appends events straight into the event store, past the API and every rule of the aggregates: how a buggy producer,
 * an older version or a hand-made fix puts events there that the projections must then cope with.
 */
public final class EventStoreWriter {

    private EventStoreWriter() {
    }

    /** Appends a {@code MessagePosted} (revision 2) as the room's next event; answers the message id. */
    public static UUID appendMessagePosted(String roomId, UUID senderId, String content) throws SQLException {
        UUID messageId = UUID.randomUUID();
        try (Connection connection = TestServices.connect()) {
            long last = ((Number) TestServices.rows("SELECT max(sequence_number) FROM domain_event_entry "
                    + "WHERE aggregate_identifier = ?", roomId).get(0).get(0)).longValue();
            Instant at = Instant.now();
            ObjectNode payload = Api.JSON.createObjectNode()
                    .put("roomId", roomId).put("seq", last + 2).put("messageId", messageId.toString())
                    .put("senderId", senderId.toString()).put("content", content)
                    .putNull("clientMessageId").putNull("replyToMessageId").put("at", at.toString());
            payload.putArray("attachments");
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                    payload, payload_type, payload_revision, time_stamp, meta_data)
                    VALUES (?, ?, 'ChatRoom', ?, ?, 'io.eventchat.api.message.MessagePosted', '2', ?, ?)""")) {
                insert.setString(1, roomId);
                insert.setLong(2, last + 1);
                insert.setString(3, UUID.randomUUID().toString());
                insert.setBytes(4, Api.JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
                insert.setString(5, at.toString());
                insert.setBytes(6, ("{\"actorId\":\"" + senderId + "\"}").getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
        }
        return messageId;
    }
}

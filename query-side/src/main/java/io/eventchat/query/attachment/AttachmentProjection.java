package io.eventchat.query.attachment;

import io.eventchat.api.attachment.AttachmentRef;
import io.eventchat.api.attachment.AttachmentUploaded;
import io.eventchat.api.message.MessageDeleted;
import io.eventchat.api.message.MessagePosted;
import io.eventchat.api.message.MessageRestored;
import io.eventchat.api.room.RoomDeleted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.UUID;

/**
 * Keeps {@code attachment} in step with uploads and the messages that carry them. Every statement is an upsert or
 * sets a value outright, so an event applied twice (a replay over the table) changes nothing; an upload and its
 * message may arrive in either order, each filling its own columns.
 * <p>
 * It has no {@code @ResetHandler}, deliberately: all it keeps is that table, which a reset's replay rewrites row by
 * row while downloads go on being answered from it (emptying it first would make every attachment 404 until the
 * replay caught up). A rebuild from nothing is the blue/green rebuild's job, which fills a shadow copy and swaps it
 * in. {@code ReplayIT} proves both give the table there was.
 */
@Component
@ProcessingGroup("rooms")
class AttachmentProjection {

    private static final String UPSERT = """
            INSERT INTO attachment (id, uploader_id, file_name, content_type, size, sha256, %s)
            VALUES (:id, :uploader, :name, :type, :size, :sha256, %s)
            ON CONFLICT (id) DO UPDATE SET %s""";

    private final JdbcClient jdbc;

    AttachmentProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AttachmentUploaded event) {
        jdbc.sql(UPSERT.formatted("storage_key, uploaded_at", ":key, :at",
                        "storage_key = EXCLUDED.storage_key, uploaded_at = EXCLUDED.uploaded_at"))
                .param("id", event.attachmentId()).param("uploader", event.uploaderId())
                .param("name", event.fileName()).param("type", event.contentType()).param("size", event.size())
                .param("sha256", event.sha256()).param("key", event.storageKey())
                .param("at", Timestamp.from(event.at()))
                .update();
    }

    @EventHandler
    void on(MessagePosted event) {
        if (event.attachments() == null) {
            return;
        }
        for (AttachmentRef ref : event.attachments()) {
            jdbc.sql(UPSERT.formatted("room_id, message_id, message_seq, posted_at", ":room, :message, :seq, :at",
                            "room_id = EXCLUDED.room_id, message_id = EXCLUDED.message_id, "
                                    + "message_seq = EXCLUDED.message_seq, posted_at = EXCLUDED.posted_at"))
                    // only its uploader can attach an upload, so the sender is the uploader
                    .param("id", ref.id()).param("uploader", event.senderId())
                    .param("name", ref.fileName()).param("type", ref.contentType()).param("size", ref.size())
                    .param("sha256", ref.sha256()).param("room", event.roomId()).param("message", event.messageId())
                    .param("seq", event.seq()).param("at", Timestamp.from(event.at()))
                    .update();
        }
    }

    @EventHandler
    void on(MessageDeleted event) {
        messageDeleted(event.messageId(), true);
    }

    @EventHandler
    void on(MessageRestored event) {
        messageDeleted(event.messageId(), false);
    }

    @EventHandler
    void on(RoomDeleted event) {
        jdbc.sql("UPDATE attachment SET room_deleted = TRUE WHERE room_id = ?").param(event.roomId()).update();
    }

    private void messageDeleted(UUID messageId, boolean deleted) {
        jdbc.sql("UPDATE attachment SET message_deleted = ? WHERE message_id = ?").params(deleted, messageId).update();
    }
}

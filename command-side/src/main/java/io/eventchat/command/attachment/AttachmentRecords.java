package io.eventchat.command.attachment;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.attachment.AttachmentRef;
import io.eventchat.api.attachment.UploadAttachment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who uploaded each attachment and which message it is attached to. Written only by command handlers, in their
 * transaction; {@link #attach} locks the rows it claims, so two messages racing for one upload cannot both get it.
 */
@Component
public class AttachmentRecords {

    private final JdbcClient jdbc;

    AttachmentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void recordUpload(UploadAttachment command) {
        int inserted = jdbc.sql("""
                        INSERT INTO attachment_record
                            (attachment_id, uploader_id, file_name, content_type, size, sha256)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(command.attachmentId(), command.uploaderId(), command.fileName(), command.contentType(),
                        command.size(), command.sha256())
                .update();
        if (inserted == 0) {
            throw new ChatException(ErrorCode.ALREADY_EXISTS, "That attachment id is taken.");
        }
    }

    /**
     * Attaches the uploads to a message: each must exist, belong to the sender and not be attached yet. Returns their
     * metadata in the order asked. How many a message may carry, and that they are distinct, is the room's rule
     * (ChatRoom checks it before this is called).
     */
    public List<AttachmentRef> attach(List<UUID> attachmentIds, UUID senderId, UUID roomId, UUID messageId) {
        if (attachmentIds.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<UUID> ids = new LinkedHashSet<>(attachmentIds);
        Map<UUID, AttachmentRef> refs = new HashMap<>();
        // rows are locked in one order, so two posts sharing uploads cannot deadlock
        for (UUID id : ids.stream().sorted().toList()) {
            Claim claim = lock(id).orElseThrow(() -> new ChatException(ErrorCode.ATTACHMENT_NOT_FOUND,
                    "No such attachment: " + id));
            if (!claim.uploaderId().equals(senderId)) {
                throw new ChatException(ErrorCode.NOT_ALLOWED, "Only its uploader may attach an upload: " + id);
            }
            if (claim.messageId() != null) {
                throw new ChatException(ErrorCode.ATTACHMENT_ALREADY_ATTACHED,
                        "That upload is attached to another message: " + id);
            }
            jdbc.sql("UPDATE attachment_record SET room_id = ?, message_id = ? WHERE attachment_id = ?")
                    .params(roomId, messageId, id).update();
            refs.put(id, claim.ref());
        }
        List<AttachmentRef> ordered = new ArrayList<>();
        ids.forEach(id -> ordered.add(refs.get(id)));
        return List.copyOf(ordered);
    }

    private record Claim(AttachmentRef ref, UUID uploaderId, UUID messageId) {
    }

    private Optional<Claim> lock(UUID id) {
        return jdbc.sql("""
                        SELECT attachment_id, uploader_id, file_name, content_type, size, sha256, message_id
                        FROM attachment_record WHERE attachment_id = ? FOR UPDATE""")
                .param(id)
                .query((rs, row) -> new Claim(new AttachmentRef(id, rs.getString("file_name"),
                        rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256")),
                        rs.getObject("uploader_id", UUID.class), rs.getObject("message_id", UUID.class)))
                .optional();
    }
}

package io.eventchat.query.attachment;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.attachment.AttachmentContent;
import io.eventchat.api.attachment.AttachmentDetails;
import io.eventchat.api.attachment.AttachmentList;
import io.eventchat.api.attachment.AttachmentStats;
import io.eventchat.api.attachment.AttachmentView;
import io.eventchat.api.attachment.FindAttachment;
import io.eventchat.api.attachment.FindAttachmentContent;
import io.eventchat.api.attachment.FindRoomAttachmentStats;
import io.eventchat.api.attachment.FindRoomAttachments;
import io.eventchat.query.access.RoomAccess;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who may see an attachment: its uploader, and the participants of the room where it was posted. Once its message
 * (or room) is deleted it is gone for everyone: {@code ATTACHMENT_GONE}, 410.
 */
@Component
class AttachmentQueries {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private static final String COLUMNS = """
            id, uploader_id, file_name, content_type, size, sha256, storage_key, uploaded_at, room_id, message_id,
            posted_at, message_seq, message_deleted, room_deleted""";

    private final JdbcClient jdbc;
    private final RoomAccess access;

    AttachmentQueries(JdbcClient jdbc, RoomAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    private record Row(AttachmentDetails details, String storageKey, boolean gone, long messageSeq) {
    }

    @QueryHandler
    @Transactional(readOnly = true)
    AttachmentDetails handle(FindAttachment query) {
        return readable(query.attachmentId(), query.requesterId()).details();
    }

    @QueryHandler
    @Transactional(readOnly = true)
    AttachmentContent handle(FindAttachmentContent query) {
        Row row = readable(query.attachmentId(), query.requesterId());
        if (row.storageKey() == null) {
            // its message has been projected, its upload not yet: moments after the upload at most
            throw notFound();
        }
        return new AttachmentContent(row.details(), row.storageKey());
    }

    @QueryHandler
    @Transactional(readOnly = true)
    AttachmentList handle(FindRoomAttachments query) {
        access.requireParticipant(query.roomId(), query.requesterId());
        int limit = query.limit() <= 0 ? DEFAULT_LIMIT : Math.min(query.limit(), MAX_LIMIT);
        String type = query.type();
        List<Row> rows = new ArrayList<>(jdbc.sql("SELECT " + COLUMNS + """
                         FROM attachment
                        WHERE room_id = :room AND NOT message_deleted AND message_seq < :before
                          AND (CAST(:type AS TEXT) IS NULL OR content_type = :type OR content_type LIKE :prefix)
                        ORDER BY message_seq DESC, id
                        LIMIT :limit""")
                .param("room", query.roomId())
                .param("before", query.before() == null ? Long.MAX_VALUE : query.before())
                .param("type", type).param("prefix", type == null || type.contains("/") ? null : type + "/%")
                .param("limit", limit + 1)
                .query(AttachmentQueries::row).list());
        Long next = null;
        if (rows.size() > limit) {
            rows.remove(rows.size() - 1);
            next = rows.get(rows.size() - 1).messageSeq();
        }
        return new AttachmentList(rows.stream().map(Row::details).toList(), next);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    AttachmentStats handle(FindRoomAttachmentStats query) {
        access.requireParticipant(query.roomId(), query.requesterId());
        List<AttachmentStats.TypeStats> byType = jdbc.sql("""
                        SELECT content_type, count(*) AS n, sum(size) AS bytes FROM attachment
                        WHERE room_id = ? AND NOT message_deleted
                        GROUP BY content_type ORDER BY bytes DESC, content_type""")
                .param(query.roomId())
                .query((rs, n) -> new AttachmentStats.TypeStats(rs.getString("content_type"), rs.getLong("n"),
                        rs.getLong("bytes")))
                .list();
        return new AttachmentStats(query.roomId(), byType.stream().mapToLong(AttachmentStats.TypeStats::count).sum(),
                byType.stream().mapToLong(AttachmentStats.TypeStats::bytes).sum(), byType);
    }

    private Row readable(UUID attachmentId, UUID requesterId) {
        Row row = jdbc.sql("SELECT " + COLUMNS + " FROM attachment WHERE id = ?").param(attachmentId)
                .query(AttachmentQueries::row).optional().orElseThrow(AttachmentQueries::notFound);
        if (row.gone()) {
            throw new ChatException(ErrorCode.ATTACHMENT_GONE, "The message of this attachment has been deleted.");
        }
        if (!row.details().uploaderId().equals(requesterId)) {
            if (row.details().roomId() == null) {
                throw new ChatException(ErrorCode.NOT_ALLOWED, "Only its uploader may see this attachment.");
            }
            try {
                access.requireParticipant(row.details().roomId(), requesterId);
            } catch (ChatException e) {
                throw new ChatException(ErrorCode.NOT_ALLOWED,
                        "Only participants of the room where it was posted may see this attachment.");
            }
        }
        return row;
    }

    private static ChatException notFound() {
        return new ChatException(ErrorCode.ATTACHMENT_NOT_FOUND, "No such attachment.");
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        AttachmentDetails details = new AttachmentDetails(id, rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size"), rs.getString("sha256"),
                AttachmentView.contentUrl(id), rs.getObject("uploader_id", UUID.class), instant(rs, "uploaded_at"),
                rs.getObject("room_id", UUID.class), rs.getObject("message_id", UUID.class),
                instant(rs, "posted_at"));
        return new Row(details, rs.getString("storage_key"),
                rs.getBoolean("message_deleted") || rs.getBoolean("room_deleted"), rs.getLong("message_seq"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

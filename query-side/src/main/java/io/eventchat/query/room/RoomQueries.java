package io.eventchat.query.room;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.message.MessageView;
import io.eventchat.api.room.FindMemberRooms;
import io.eventchat.api.room.FindMyRooms;
import io.eventchat.api.room.FindParticipants;
import io.eventchat.api.room.FindRoom;
import io.eventchat.api.room.MemberRooms;
import io.eventchat.api.room.ParticipantList;
import io.eventchat.api.room.ParticipantRole;
import io.eventchat.api.room.ParticipantView;
import io.eventchat.api.room.RoomDetails;
import io.eventchat.api.room.RoomList;
import io.eventchat.api.room.RoomSummary;
import io.eventchat.api.room.RoomType;
import io.eventchat.query.access.RoomAccess;
import io.eventchat.query.message.MessageRow;
import io.eventchat.query.presence.PresenceStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The caller's room list, one room's details, and its participants. */
@Component
class RoomQueries {

    /** Unread counts stop here; a client shows "999+". Keeps the count an index range scan of bounded length. */
    static final int UNREAD_CAP = 1000;

    private final JdbcClient jdbc;
    private final RoomAccess access;
    private final PresenceStore presence;
    private final QueryGateway queries;

    RoomQueries(JdbcClient jdbc, RoomAccess access, PresenceStore presence, QueryGateway queries) {
        this.jdbc = jdbc;
        this.access = access;
        this.presence = presence;
        this.queries = queries;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    RoomList handle(FindMyRooms query) {
        List<RoomSummary> rooms = jdbc.sql("""
                        SELECT r.id, r.type, r.participant_count, r.last_seq, r.last_activity_at,
                               COALESCE(r.name, other.username) AS name, other.user_id AS peer_id,
                               last.id AS m_id, last.seq AS m_seq, last.sender_id AS m_sender, su.username AS m_username,
                               last.content AS m_content, last.created_at AS m_created, last.edited_at AS m_edited,
                               last.deleted AS m_deleted, last.reply_to_message_id AS m_reply,
                               last.client_message_id AS m_client, last.attachments AS m_attachments,
                               (SELECT count(*) FROM (SELECT 1 FROM message u
                                    WHERE u.room_id = r.id AND u.seq > p.last_read_seq AND NOT u.deleted
                                      AND u.sender_id <> p.user_id ORDER BY u.seq LIMIT :cap) unread) AS unread
                        FROM room_participant p
                        JOIN room r ON r.id = p.room_id
                        LEFT JOIN LATERAL (SELECT m.* FROM message m WHERE m.room_id = r.id
                                           ORDER BY m.seq DESC LIMIT 1) last ON true
                        LEFT JOIN chat_user su ON su.id = last.sender_id
                        LEFT JOIN LATERAL (SELECT o.user_id, cu.username FROM room_participant o
                                           JOIN chat_user cu ON cu.id = o.user_id
                                           WHERE r.type = 'DIRECT' AND o.room_id = r.id AND o.user_id <> p.user_id
                                           LIMIT 1) other ON true
                        WHERE p.user_id = :me
                        ORDER BY r.last_activity_at DESC, r.id""")
                .param("me", query.userId())
                .param("cap", UNREAD_CAP)
                .query(RoomQueries::summary)
                .list();
        // the read model may still list a room the caller left or lost a moment ago: the command side decides
        Set<UUID> member = queries.query(new FindMemberRooms(query.userId()), ResponseTypes.instanceOf(MemberRooms.class))
                .join().roomIds();
        rooms = rooms.stream().filter(room -> member.contains(room.id())).toList();
        Map<UUID, Boolean> online = presence.online(rooms.stream().map(RoomSummary::peerId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        return new RoomList(rooms.stream().map(room -> room.peerId() == null ? room
                : room.withOnline(online.getOrDefault(room.peerId(), false))).toList());
    }

    @QueryHandler
    @Transactional(readOnly = true)
    RoomDetails handle(FindRoom query) {
        access.requireParticipant(query.roomId(), query.requesterId());
        // the room row first: the participants read after it are at least as far as its last_seq says (each
        // statement sees what was committed when it began), so a caller waiting for a last_seq sees its participants
        RoomRow room = jdbc.sql("SELECT id, name, type, created_at, created_by, last_seq FROM room WHERE id = ?")
                .param(query.roomId())
                .query((rs, n) -> new RoomRow(rs.getObject("id", UUID.class), rs.getString("name"),
                        RoomType.valueOf(rs.getString("type")), instant(rs, "created_at"),
                        rs.getObject("created_by", UUID.class), rs.getLong("last_seq")))
                .optional()
                .orElseThrow(() -> new ChatException(ErrorCode.ROOM_NOT_FOUND, "No such room."));
        List<ParticipantView> participants = participants(query.roomId());
        return new RoomDetails(room.id(), displayName(room, participants, query.requesterId()), room.type(),
                room.createdAt(), room.createdBy(), participants, room.lastSeq());
    }

    @QueryHandler
    @Transactional(readOnly = true)
    ParticipantList handle(FindParticipants query) {
        access.requireParticipant(query.roomId(), query.requesterId());
        return new ParticipantList(participants(query.roomId()));
    }

    private List<ParticipantView> participants(UUID roomId) {
        List<ParticipantView> found = jdbc.sql("""
                        SELECT p.user_id, u.username, p.role, p.joined_at, p.last_read_seq
                        FROM room_participant p LEFT JOIN chat_user u ON u.id = p.user_id
                        WHERE p.room_id = ? ORDER BY p.joined_seq""")
                .param(roomId)
                .query((rs, n) -> new ParticipantView(rs.getObject("user_id", UUID.class), rs.getString("username"),
                        ParticipantRole.valueOf(rs.getString("role")), instant(rs, "joined_at"), false,
                        rs.getLong("last_read_seq")))
                .list();
        Map<UUID, Boolean> online = presence.online(found.stream().map(ParticipantView::userId)
                .collect(Collectors.toSet()));
        return found.stream().map(p -> new ParticipantView(p.userId(), p.username(), p.role(), p.joinedAt(),
                online.getOrDefault(p.userId(), false), p.lastReadSeq())).toList();
    }

    private record RoomRow(UUID id, String name, RoomType type, Instant createdAt, UUID createdBy, long lastSeq) {
    }

    private static String displayName(RoomRow room, List<ParticipantView> participants, UUID requester) {
        if (room.name() != null || room.type() != RoomType.DIRECT) {
            return room.name();
        }
        return participants.stream().filter(p -> !p.userId().equals(requester)).map(ParticipantView::username)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static RoomSummary summary(ResultSet rs, int row) throws SQLException {
        MessageView last = null;
        UUID lastId = rs.getObject("m_id", UUID.class);
        if (lastId != null) {
            last = new MessageRow(lastId, rs.getObject("id", UUID.class), rs.getLong("m_seq"),
                    rs.getObject("m_sender", UUID.class), rs.getString("m_username"), rs.getString("m_content"),
                    instant(rs, "m_created"), instant(rs, "m_edited"), rs.getBoolean("m_deleted"),
                    rs.getObject("m_reply", UUID.class), rs.getString("m_client"), rs.getString("m_attachments"))
                    .view();
        }
        return new RoomSummary(rs.getObject("id", UUID.class), rs.getString("name"),
                RoomType.valueOf(rs.getString("type")), rs.getInt("participant_count"), last, rs.getLong("unread"),
                rs.getLong("last_seq"), instant(rs, "last_activity_at"), rs.getObject("peer_id", UUID.class), null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

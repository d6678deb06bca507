package io.eventchat.command.room;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.access.AccessRevoked;
import io.eventchat.api.room.FindMemberRooms;
import io.eventchat.api.room.FindRoomMembership;
import io.eventchat.api.room.MemberRooms;
import io.eventchat.api.room.ParticipantRole;
import io.eventchat.api.room.RoomMembership;
import io.eventchat.api.room.RoomType;
import io.eventchat.command.access.AccessRevocations;
import io.eventchat.command.access.CoherentCache;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.UUID;

/**
 * Who may read a room: whether it exists and who belongs to it, written by ChatRoom's command handlers in their
 * transaction (so exactly as current as the room's events) and asked on every read of a room. Losing access is
 * recorded in the revocation log ({@link AccessRevocations}), so every node's cache of these answers drops the
 * entry before the change answers; gaining it needs no such care, since only memberships are cached.
 */
@Component
class RoomMembers {

    static final int CACHE_SIZE = 200_000;

    private final JdbcClient jdbc;
    private final AccessRevocations revocations;
    private final CoherentCache<Key, RoomMembership> cache;

    RoomMembers(JdbcClient jdbc, AccessRevocations revocations) {
        this.jdbc = jdbc;
        this.revocations = revocations;
        this.cache = new CoherentCache<>(revocations, CACHE_SIZE);
    }

    private record Key(UUID roomId, UUID userId) {
    }

    void created(UUID roomId, RoomType type, Collection<UUID> owners, Collection<UUID> members) {
        if (jdbc.sql("INSERT INTO room_record (room_id, type) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(roomId, type.name()).update() == 0) {
            throw new ChatException(ErrorCode.ALREADY_EXISTS, "That room already exists.");
        }
        owners.forEach(owner -> added(roomId, owner, ParticipantRole.OWNER));
        members.forEach(member -> added(roomId, member, ParticipantRole.MEMBER));
    }

    void added(UUID roomId, UUID userId, ParticipantRole role) {
        jdbc.sql("INSERT INTO room_member (room_id, user_id, role) VALUES (?, ?, ?)")
                .params(roomId, userId, role.name()).update();
    }

    void roleChanged(UUID roomId, UUID userId, ParticipantRole role) {
        jdbc.sql("UPDATE room_member SET role = ? WHERE room_id = ? AND user_id = ?")
                .params(role.name(), roomId, userId).update();
    }

    void removed(UUID roomId, UUID userId) {
        jdbc.sql("DELETE FROM room_member WHERE room_id = ? AND user_id = ?").params(roomId, userId).update();
        revocations.record(AccessRevoked.Kind.MEMBERSHIP, userId, roomId);
    }

    void deleted(UUID roomId) {
        jdbc.sql("UPDATE room_record SET deleted = TRUE WHERE room_id = ?").param(roomId).update();
        jdbc.sql("DELETE FROM room_member WHERE room_id = ?").param(roomId).update();
        revocations.record(AccessRevoked.Kind.ROOM, null, roomId);
    }

    @QueryHandler
    RoomMembership handle(FindRoomMembership query) {
        Key key = new Key(query.roomId(), query.userId());
        RoomMembership cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        long generation = cache.generation();
        RoomMembership membership = jdbc.sql("""
                        SELECT r.deleted, m.user_id IS NOT NULL AS member FROM room_record r
                        LEFT JOIN room_member m ON m.room_id = r.room_id AND m.user_id = ?
                        WHERE r.room_id = ?""")
                .params(query.userId(), query.roomId())
                .query((rs, row) -> rs.getBoolean("deleted") ? RoomMembership.NO_ROOM
                        : rs.getBoolean("member") ? RoomMembership.PARTICIPANT : RoomMembership.OUTSIDER)
                .optional().orElse(RoomMembership.NO_ROOM);
        if (membership.participant()) {
            cache.put(key, membership, generation);
        }
        return membership;
    }

    @QueryHandler
    MemberRooms handle(FindMemberRooms query) {
        return new MemberRooms(new HashSet<>(jdbc.sql("SELECT room_id FROM room_member WHERE user_id = ?")
                .param(query.userId()).query(UUID.class).list()));
    }

    @EventListener
    void on(AccessRevoked revoked) {
        if (revoked.roomId() != null) {
            cache.evict(key -> revoked.endsSubscription(key.userId(), key.roomId()));
        }
    }
}

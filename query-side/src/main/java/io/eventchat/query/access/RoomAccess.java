package io.eventchat.query.access;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.room.FindRoomMembership;
import io.eventchat.api.room.RoomMembership;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The gate of every read of a room: a room that does not exist (or was deleted) is {@code ROOM_NOT_FOUND}, one the
 * caller does not belong to is {@code NOT_A_PARTICIPANT}. Judged by the command side's membership, which is exactly
 * as current as the room's events (never by this side's lagging tables), so access taken away a moment ago is gone.
 */
@Component
public class RoomAccess {

    private final QueryGateway queries;

    RoomAccess(QueryGateway queries) {
        this.queries = queries;
    }

    public void requireParticipant(UUID roomId, UUID userId) {
        RoomMembership membership = queries.query(new FindRoomMembership(roomId, userId),
                ResponseTypes.instanceOf(RoomMembership.class)).join();
        if (!membership.roomExists()) {
            throw new ChatException(ErrorCode.ROOM_NOT_FOUND, "No such room.");
        }
        if (!membership.participant()) {
            throw new ChatException(ErrorCode.NOT_A_PARTICIPANT, "You are not a participant of this room.");
        }
    }
}

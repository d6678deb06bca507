package io.eventchat.query.room;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/**
 * The read side's gate: a room that does not exist is {@code ROOM_NOT_FOUND}, one the caller does not belong to
 * is {@code NOT_A_PARTICIPANT}. Writes are checked again, authoritatively, by the ChatRoom aggregate.
 */
@Component
public class RoomAccess {

    private final RoomRepository rooms;
    private final RoomParticipantRepository participants;

    RoomAccess(RoomRepository rooms, RoomParticipantRepository participants) {
        this.rooms = rooms;
        this.participants = participants;
    }

    @Transactional(readOnly = true)
    public void requireParticipant(UUID roomId, UUID userId) {
        if (!participants.existsById(new RoomParticipant.Key(roomId, userId))) {
            if (!rooms.existsById(roomId)) {
                throw new ChatException(ErrorCode.ROOM_NOT_FOUND, "No such room.");
            }
            throw new ChatException(ErrorCode.NOT_A_PARTICIPANT, "You are not a participant of this room.");
        }
    }
}

package io.eventchat.api.room;

import java.util.Set;
import java.util.UUID;

/** The answer to {@link FindMemberRooms}. */
public record MemberRooms(Set<UUID> roomIds) {

    public MemberRooms {
        roomIds = Set.copyOf(roomIds);
    }
}

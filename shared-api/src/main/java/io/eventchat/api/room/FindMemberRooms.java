package io.eventchat.api.room;

import java.util.UUID;

/** The rooms {@code userId} belongs to now, as the command side decides it; answered with {@link MemberRooms}. */
public record FindMemberRooms(UUID userId) {
}

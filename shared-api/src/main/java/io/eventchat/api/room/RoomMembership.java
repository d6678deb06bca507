package io.eventchat.api.room;

/** The answer to {@link FindRoomMembership}. */
public record RoomMembership(boolean roomExists, boolean participant) {

    public static final RoomMembership NO_ROOM = new RoomMembership(false, false);
    public static final RoomMembership OUTSIDER = new RoomMembership(true, false);
    public static final RoomMembership PARTICIPANT = new RoomMembership(true, true);
}

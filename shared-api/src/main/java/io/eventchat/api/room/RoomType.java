package io.eventchat.api.room;

/** A room is either a named group or a conversation between exactly two users. */
public enum RoomType {
    GROUP,
    DIRECT
}

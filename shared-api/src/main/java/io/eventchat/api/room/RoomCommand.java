package io.eventchat.api.room;

import java.util.UUID;

/**
 * A command decided by a room (the ChatRoom aggregate): commands of one room are decided one after the other, in the
 * order they arrive, and commands of many rooms are committed together (group commit).
 */
public interface RoomCommand {

    UUID roomId();
}

package io.eventchat.api.room;

import java.util.List;

/** The caller's rooms, most recent activity first. */
public record RoomList(List<RoomSummary> items) {
}

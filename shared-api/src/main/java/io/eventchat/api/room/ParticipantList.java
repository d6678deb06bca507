package io.eventchat.api.room;

import java.util.List;

/** The participants of a room. */
public record ParticipantList(List<ParticipantView> items) {
}

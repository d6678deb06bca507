package io.eventchat.query.processing;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The projections, one per processing group, and the tables each owns: what the dead-letter queues, the statuses and
 * a rebuild work on. {@code rooms} keeps everything about a room in one group (its row and participants, messages,
 * the frames of its timeline, attachments), so a batch of a room's events is one transaction and its frames go out
 * once that has committed.
 */
public final class Projections {

    private static final Map<String, List<String>> TABLES = Map.of(
            "users", List.of("chat_user"),
            "contacts", List.of("contact"),
            "rooms", List.of("room", "room_participant", "message", "message_room_version", "room_frame",
                    "attachment"));

    private Projections() {
    }

    public static Set<String> names() {
        return TABLES.keySet();
    }

    public static boolean exists(String name) {
        return TABLES.containsKey(name);
    }

    /** The tables of projection {@code name} (one of {@link #names()}). */
    public static List<String> tables(String name) {
        return TABLES.get(name);
    }
}

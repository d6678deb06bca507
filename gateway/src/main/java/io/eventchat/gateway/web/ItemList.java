package io.eventchat.gateway.web;

import java.util.List;

/** The API's list shape: {@code {"items": [...], "nextCursor": ...}}; the cursor is null when nothing follows. */
public record ItemList<T>(List<T> items, Object nextCursor) {

    public static <T> ItemList<T> of(List<T> items) {
        return new ItemList<>(items, null);
    }
}

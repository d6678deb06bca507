package io.eventchat.api.room;

import java.util.List;

/** Frames in seq order and the cursor to continue after, or null. */
public record FramePage(List<Frame> items, Long nextCursor) {
}

package io.eventchat.api.message;

import java.util.List;

/** One page of messages and the cursor (a seq) to continue with, or null when there is nothing further. */
public record MessagePage(List<MessageView> items, Long nextCursor) {
}

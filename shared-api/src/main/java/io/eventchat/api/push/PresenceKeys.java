package io.eventchat.api.push;

import java.util.UUID;

/**
 * Presence in Redis: {@code presence:<userId>} is a sorted set of the user's live WebSocket sessions, each scored by
 * the instant (epoch millis) it expires unless its node renews it. Online means at least one unexpired entry.
 */
public final class PresenceKeys {

    public static final long SESSION_TTL_MILLIS = 60_000;

    private PresenceKeys() {
    }

    public static String of(UUID userId) {
        return "presence:" + userId;
    }
}

package io.eventchat.api.user;

/**
 * Active users whose username or display name starts with {@code prefix}, case-insensitively: at most {@code limit}
 * of them, and never more than {@link #MAX_LIMIT} (a larger limit is capped, as the API promises for every list).
 */
public record SearchUsers(String prefix, int limit) {

    public static final int MAX_LIMIT = 200;
}

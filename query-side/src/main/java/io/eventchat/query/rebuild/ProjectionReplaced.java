package io.eventchat.query.rebuild;

/**
 * Published (as a Spring application event) right after a rebuilt projection's tables replaced the old ones, for
 * whatever keeps state derived from those tables outside them, such as the recent-message cache.
 */
public record ProjectionReplaced(String name) {
}

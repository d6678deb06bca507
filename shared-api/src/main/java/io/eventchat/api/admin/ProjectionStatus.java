package io.eventchat.api.admin;

/**
 * A projection's progress through the event store: {@code position} is the lowest position of its segments
 * claimed on this node, {@code lag} how many events it is behind {@code headPosition}, {@code progress} how far a
 * replay has come (1 when not replaying).
 */
public record ProjectionStatus(String name, String status, long position, long headPosition, long lag,
                               boolean replaying, double progress, int segments) {
}

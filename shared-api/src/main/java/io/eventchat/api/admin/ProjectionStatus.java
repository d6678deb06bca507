package io.eventchat.api.admin;

/**
 * A projection's progress through the event store: {@code position} is the lowest position of its segments
 * claimed on this node, {@code lag} how many events it is behind {@code headPosition}, {@code progress} how far a
 * replay or rebuild has come (1 when neither runs). {@code lastRebuild} is the state of its latest rebuild
 * ({@code RUNNING}, {@code DONE}, {@code FAILED}, {@code ABANDONED} when its node stopped; null if never rebuilt),
 * {@code rebuildError} why the latest one failed. {@code status} is {@code RUNNING}, {@code DEGRADED} while events are
 * parked in its dead-letter queue ({@code deadLetters} of them, listed by {@code GET /api/admin/dead-letters}),
 * {@code ERROR} while a segment fails and retries, or {@code STOPPED}.
 */
public record ProjectionStatus(String name, String status, long position, long headPosition, long lag,
                               boolean replaying, double progress, int segments, String lastRebuild,
                               String rebuildError, long deadLetters) {

    public static final String RUNNING = "RUNNING";
    public static final String DEGRADED = "DEGRADED";
    public static final String ERROR = "ERROR";
    public static final String STOPPED = "STOPPED";
}

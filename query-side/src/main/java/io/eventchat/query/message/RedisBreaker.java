package io.eventchat.query.message;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stops callers from waiting on a Redis that just failed: after a failure the breaker is open for {@code openFor}
 * and {@link #allow()} says no at once; then one caller per period is let through to probe, and its success closes
 * the breaker while its failure keeps it open. Without it every request pays the client's connect timeout while
 * Redis is down, and the PostgreSQL fallback serves a few requests a second instead of thousands.
 */
public final class RedisBreaker {

    private static final long CLOSED = Long.MIN_VALUE;

    private final Clock clock;
    private final long openForMillis;
    /** {@link #CLOSED}, or the instant (epoch ms) from which the next probe may be made. */
    private final AtomicLong nextProbe = new AtomicLong(CLOSED);

    public RedisBreaker(Clock clock, Duration openFor) {
        this.clock = clock;
        this.openForMillis = openFor.toMillis();
    }

    /** Whether a call to Redis may be made now; a caller that gets {@code true} reports the outcome. */
    public boolean allow() {
        long probeAt = nextProbe.get();
        if (probeAt == CLOSED) {
            return true;
        }
        long now = clock.millis();
        // one caller wins the probe; a probe that never reports is followed by another one period later
        return now >= probeAt && nextProbe.compareAndSet(probeAt, now + openForMillis);
    }

    /** Whether the last call to Redis succeeded (no probing: callers that must not wait on Redis ask this). */
    public boolean closed() {
        return nextProbe.get() == CLOSED;
    }

    public void succeeded() {
        if (nextProbe.get() != CLOSED) {
            nextProbe.set(CLOSED);
        }
    }

    public void failed() {
        nextProbe.set(clock.millis() + openForMillis);
    }
}

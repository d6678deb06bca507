package io.eventchat.gateway.ratelimit;

import java.time.Duration;

/** A request refused by a rate limit; {@code retryAfter} is when a retry would be allowed. */
public class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super("Too many requests; retry in " + Math.max(1, retryAfter.toSeconds()) + " s.", null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, at least 1: the value of the {@code Retry-After} header. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}

package io.eventchat.gateway.ratelimit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** With Redis unreachable the limiter still limits, with this node's own buckets, and answers without hanging. */
class RateLimiterTest {

    private final RateLimiter limiter = new RateLimiter("redis://127.0.0.1:1");

    @AfterEach
    void close() {
        limiter.close();
    }

    @Test
    void withoutRedisTheLocalBucketsStillLimit() {
        RateLimitProperties.Limit twoPerMinute = new RateLimitProperties.Limit(2, Duration.ofMinutes(1));
        long started = System.nanoTime();
        assertThat(limiter.tryConsume("k", twoPerMinute)).isZero();
        assertThat(limiter.tryConsume("k", twoPerMinute)).isZero();
        Duration wait = limiter.tryConsume("k", twoPerMinute);
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(limiter.waitTime("k", twoPerMinute)).isPositive();
        assertThat(limiter.tryConsume("other", twoPerMinute)).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}

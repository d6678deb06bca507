package io.eventchat.query.message;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RedisBreakerTest {

    private final MutableClock clock = new MutableClock();
    private final RedisBreaker breaker = new RedisBreaker(clock, Duration.ofSeconds(2));

    @Test
    void closedUntilAFailureThenOpenForThePeriod() {
        assertThat(breaker.allow()).isTrue();
        breaker.failed();
        assertThat(breaker.allow()).as("open: no call").isFalse();
        clock.advance(1999);
        assertThat(breaker.allow()).isFalse();
    }

    @Test
    void afterThePeriodOneCallerProbesAndItsSuccessCloses() {
        breaker.failed();
        clock.advance(2000);
        assertThat(breaker.allow()).isTrue();
        assertThat(breaker.allow()).as("only one probe at a time").isFalse();
        breaker.succeeded();
        assertThat(breaker.allow()).as("closed: every caller").isTrue();
        assertThat(breaker.allow()).isTrue();
    }

    @Test
    void aFailedProbeKeepsItOpenForAnotherPeriod() {
        breaker.failed();
        clock.advance(2000);
        assertThat(breaker.allow()).isTrue();
        breaker.failed();
        clock.advance(1000);
        assertThat(breaker.allow()).isFalse();
        clock.advance(1000);
        assertThat(breaker.allow()).isTrue();
    }

    @Test
    void aProbeThatNeverReportsDoesNotKeepItOpenForever() {
        breaker.failed();
        clock.advance(2000);
        assertThat(breaker.allow()).isTrue();
        clock.advance(2000);
        assertThat(breaker.allow()).isTrue();
    }

    static final class MutableClock extends Clock {
        private long millis = 1_000_000;

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

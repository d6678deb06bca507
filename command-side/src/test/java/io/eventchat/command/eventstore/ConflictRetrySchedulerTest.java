package io.eventchat.command.eventstore;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictRetrySchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ConflictRetryScheduler scheduler = ConflictRetryScheduler.create(executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aLostRaceOnTheSequenceIsRetried() {
        assertThat(scheduler.isExplicitlyNonTransient(new ConcurrencyException("seq taken"))).isFalse();
        assertThat(scheduler.isExplicitlyNonTransient(new RuntimeException(new ConcurrencyException("wrapped"))))
                .isFalse();
    }

    @Test
    void aRuleViolationIsFinal() {
        assertThat(scheduler.isExplicitlyNonTransient(new ChatException(ErrorCode.NOT_A_PARTICIPANT, "no"))).isTrue();
        assertThat(scheduler.isExplicitlyNonTransient(new AggregateStreamCreationException("exists"))).isTrue();
        assertThat(scheduler.isExplicitlyNonTransient(new IllegalStateException("bug"))).isTrue();
    }
}

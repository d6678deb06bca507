package io.eventchat.gateway.web;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Commands beyond the running and the waiting ones are refused at once, not queued behind a full server. */
class MessagingTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch running = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        callers.shutdownNow();
    }

    @Test
    void whenTheRunningAndTheWaitingSlotsAreTakenTheNextCommandIsBusyAtOnce() throws Exception {
        Messaging messaging = new Messaging(commands, mock(QueryGateway.class), meters, 1, 2);
        when(commands.sendAndWait(any())).thenAnswer(invocation -> {
            running.countDown();
            release.await(30, TimeUnit.SECONDS);
            return "done";
        });
        Future<Object> first = callers.submit(() -> messaging.<Object>send("first", null));
        assertThat(running.await(5, TimeUnit.SECONDS)).as("the first command runs").isTrue();
        Future<Object> second = callers.submit(() -> messaging.<Object>send("second", null));
        Future<Object> third = callers.submit(() -> messaging.<Object>send("third", null));
        await().atMost(Duration.ofSeconds(5)).until(() -> gauge() == 2.0);

        long started = System.nanoTime();
        assertThatThrownBy(() -> messaging.<Object>send("fourth", null)).isInstanceOf(ChatException.class)
                .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.BUSY));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(meters.get("chat.commands.refused").counter().count()).isEqualTo(1.0);

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(gauge()).isEqualTo(0.0);
    }

    private double gauge() {
        return meters.get("chat.commands.waiting").gauge().value();
    }
}

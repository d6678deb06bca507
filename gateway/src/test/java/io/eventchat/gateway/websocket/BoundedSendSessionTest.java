package io.eventchat.gateway.websocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class BoundedSendSessionTest {

    private final ExecutorService writers = Executors.newFixedThreadPool(2);
    private final WebSocketSession client = mock(WebSocketSession.class);
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch unblock = new CountDownLatch(1);
    private final AtomicLong now = new AtomicLong(1_000);
    private final BoundedSendSession session = new BoundedSendSession(client, writers, 100, Duration.ofSeconds(10),
            now::get);

    BoundedSendSessionTest() throws IOException {
        when(client.getId()).thenReturn("s1");
        when(client.isOpen()).thenReturn(true);
        // the client takes what it is sent, except "stuck": that write blocks until the test lets it go
        doAnswer(invocation -> {
            String text = ((TextMessage) invocation.getArgument(0)).getPayload();
            if (text.startsWith("stuck")) {
                unblock.await(10, TimeUnit.SECONDS);
            }
            written.add(text);
            return null;
        }).when(client).sendMessage(any());
    }

    @AfterEach
    void stop() {
        unblock.countDown();
        writers.shutdownNow();
    }

    private static TextMessage text(String payload) {
        return new TextMessage(payload);
    }

    @Test
    void framesLeaveInOrderWithoutTheCallerWaitingOnTheClient() {
        session.sendMessage(text("stuck 1"));
        long started = System.nanoTime();
        for (int i = 2; i <= 5; i++) {
            session.sendMessage(text("m" + i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("queued, not written")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(written).isEmpty();
        unblock.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 5);
        assertThat(written).containsExactly("stuck 1", "m2", "m3", "m4", "m5");
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void moreThanTheBufferLimitBehindAStuckWriteDropsTheSession() throws IOException {
        session.sendMessage(text("stuck"));
        await().atMost(Duration.ofSeconds(5)).until(this::isWriting);
        session.sendMessage(text("x".repeat(60)));
        session.sendMessage(text("y".repeat(40)));
        verify(client, never()).close(any(CloseStatus.class));
        session.sendMessage(text("z"));
        verify(client).close(CloseStatus.SESSION_NOT_RELIABLE);
        assertThat(session.isOpen()).isFalse();
        unblock.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);
        session.sendMessage(text("after"));
        assertThat(written).as("what was queued is dropped").containsExactly("stuck");
    }

    @Test
    void aWriteInProgressLongerThanTheTimeLimitDropsTheSession() throws IOException {
        session.sendMessage(text("stuck"));
        await().atMost(Duration.ofSeconds(5)).until(this::isWriting);
        now.addAndGet(10_000);
        session.sendMessage(text("on time"));
        verify(client, never()).close(any(CloseStatus.class));
        now.addAndGet(1);
        session.sendMessage(text("too late"));
        verify(client).close(CloseStatus.SESSION_NOT_RELIABLE);
    }

    @Test
    void anIdleSessionTakesAFrameOfAnySize() throws IOException {
        session.sendMessage(text("x".repeat(1000)));
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 1);
        verify(client, never()).close(any(CloseStatus.class));
    }

    @Test
    void anOrderlyCloseFollowsTheFramesQueuedBeforeIt() throws Exception {
        session.sendMessage(text("stuck: ERROR"));
        session.close(CloseStatus.PROTOCOL_ERROR);
        session.sendMessage(text("after the close"));
        assertThat(session.isOpen()).isFalse();
        verify(client, never()).close(any(CloseStatus.class));
        unblock.countDown();
        verify(client, timeout(5000)).close(CloseStatus.PROTOCOL_ERROR);
        assertThat(written).containsExactly("stuck: ERROR");
    }

    @Test
    void aFailedWriteDropsTheSession() throws IOException {
        doThrow(new IOException("broken pipe")).when(client).sendMessage(any(WebSocketMessage.class));
        session.sendMessage(text("lost"));
        verify(client, timeout(5000)).close(CloseStatus.SESSION_NOT_RELIABLE);
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void theContainersBlockingSendTimeoutIsTheTimeLimit() {
        WebSocketSession standard = mock(WebSocketSession.class,
                org.mockito.Mockito.withSettings().extraInterfaces(NativeWebSocketSession.class));
        jakarta.websocket.Session container = mock(jakarta.websocket.Session.class);
        java.util.Map<String, Object> properties = new java.util.HashMap<>();
        when(container.getUserProperties()).thenReturn(properties);
        when(((NativeWebSocketSession) standard).getNativeSession()).thenReturn(container);
        new BoundedSendSession(standard, writers, 100, Duration.ofSeconds(7), now::get);
        assertThat(properties).containsEntry(BoundedSendSession.TOMCAT_BLOCKING_SEND_TIMEOUT, 7_000L);
    }

    /** The stuck write is in progress: the client was asked to send and has not taken it yet. */
    private boolean isWriting() {
        return written.isEmpty() && org.mockito.Mockito.mockingDetails(client).getInvocations().stream()
                .anyMatch(invocation -> invocation.getMethod().getName().equals("sendMessage"));
    }
}

package io.eventchat.gateway.websocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;

/**
 * A WebSocket session whose sends never block the caller. Spring hands every outgoing frame of the node to the
 * sessions on one thread (which keeps each session's frames in order), and the container's send blocks until the
 * client has taken the bytes: one client that stopped reading held that thread, and every other session with it,
 * for up to Tomcat's 20 s blocking timeout per write. Spring's own limits
 * ({@code ConcurrentWebSocketSessionDecorator}) do not help there: they are checked only by a second thread that
 * finds the session busy, and with one thread there is none.
 * <p>
 * Here the caller only queues; a writer thread drains the queue in order while there is something to write. The
 * limits are this session's alone: more than {@code bufferLimit} bytes waiting behind a write in progress, or a
 * write in progress for longer than {@code timeLimit}, and the session is closed as not reliable (1011) and what it
 * had queued is dropped. The container's blocking timeout is set to the same time limit, so a stuck write ends by
 * itself even when nothing else is sent. An orderly close (after an ERROR frame, say) is queued behind the frames
 * before it.
 */
final class BoundedSendSession extends WebSocketSessionDecorator {

    /** Tomcat's per-session timeout of a blocking send, in milliseconds (a {@code Long}). */
    static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private static final Logger log = LoggerFactory.getLogger(BoundedSendSession.class);
    private static final long IDLE = -1;

    private final Executor writers;
    private final int bufferLimit;
    private final long timeLimitMillis;
    private final LongSupplier clock;
    private final Deque<Object> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long writeStartedAt = IDLE;
    private boolean draining;
    private boolean ended;
    private boolean aborted;

    BoundedSendSession(WebSocketSession session, Executor writers, int bufferLimit, Duration timeLimit,
                       LongSupplier clock) {
        super(session);
        this.writers = writers;
        this.bufferLimit = bufferLimit;
        this.timeLimitMillis = timeLimit.toMillis();
        this.clock = clock;
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof jakarta.websocket.Session container) {
            container.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, timeLimitMillis);
        }
    }

    /** Queues the message; returns at once. Dropped when the session is closing or closed. */
    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        String violation;
        synchronized (this) {
            if (ended) {
                return;
            }
            violation = violation(message.getPayloadLength());
            if (violation == null) {
                queue.add(message);
                queuedBytes += message.getPayloadLength();
                startDraining();
            }
        }
        if (violation != null) {
            abort(violation);
        }
    }

    /** Closes once everything queued before has been sent. */
    @Override
    public void close(CloseStatus status) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            queue.add(status);
            startDraining();
        }
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    @Override
    public boolean isOpen() {
        synchronized (this) {
            if (ended) {
                return false;
            }
        }
        return getDelegate().isOpen();
    }

    /** The connection is gone: nothing more will be written. */
    void discard() {
        synchronized (this) {
            ended = true;
            queue.clear();
            queuedBytes = 0;
        }
    }

    /** Why the session may not take {@code bytes} more, or null. Holds the lock. */
    private String violation(int bytes) {
        if (writeStartedAt == IDLE) {
            return null;
        }
        long writing = clock.getAsLong() - writeStartedAt;
        if (writing > timeLimitMillis) {
            return "a send has been in progress for " + writing + " ms (limit " + timeLimitMillis + " ms)";
        }
        if (queuedBytes + bytes > bufferLimit) {
            return (queuedBytes + bytes) + " bytes waiting to be sent (limit " + bufferLimit + ")";
        }
        return null;
    }

    /** Holds the lock. */
    private void startDraining() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            writers.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            draining = false;
            ended = true;
            queue.clear();
            queuedBytes = 0;
        }
    }

    private void drain() {
        while (true) {
            Object next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
                if (next instanceof WebSocketMessage<?> message) {
                    queuedBytes -= message.getPayloadLength();
                }
                writeStartedAt = clock.getAsLong();
            }
            try {
                if (next instanceof CloseStatus status) {
                    getDelegate().close(status);
                } else {
                    getDelegate().sendMessage((WebSocketMessage<?>) next);
                }
            } catch (IOException | RuntimeException e) {
                // the client went away, or the write outlasted the time limit (the container's blocking timeout)
                synchronized (this) {
                    draining = false;
                    writeStartedAt = IDLE;
                }
                abort("the send failed: " + e.getMessage());
                return;
            }
            synchronized (this) {
                writeStartedAt = IDLE;
            }
        }
    }

    /**
     * Drops what is queued and closes the connection as not reliable. Done on the calling thread: for a status
     * other than NORMAL, Tomcat gives the close frame 50 ms and then closes the socket, which also ends a write
     * that is stuck on it.
     */
    private void abort(String reason) {
        synchronized (this) {
            if (aborted) {
                return;
            }
            aborted = true;
            ended = true;
            queue.clear();
            queuedBytes = 0;
        }
        log.info("Closing WebSocket session {}, a slow consumer: {}", getId(), reason);
        try {
            getDelegate().close(CloseStatus.SESSION_NOT_RELIABLE);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing WebSocket session {} failed: {}", getId(), e.getMessage());
        }
    }
}

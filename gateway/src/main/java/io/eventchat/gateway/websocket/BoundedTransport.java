package io.eventchat.gateway.websocket;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebSocket transport's limits, around Spring's STOMP handler: every session sends through a
 * {@link BoundedSendSession} (bounded send buffer and time, never blocking the outbound thread), and incoming
 * messages are taken in parts so that the STOMP decoder, not the container, enforces the frame size limit.
 */
@Component
class BoundedTransport {

    /**
     * Threads writing to sessions at once. A session holds one only while it has frames to write; a client that
     * stopped reading holds one until it is dropped (its buffer or time limit), so this many stuck clients at the
     * same moment would make the others wait, at most the send time limit.
     */
    static final int WRITERS = 32;

    private final WebSocketProperties properties;
    private final ExecutorService writers;
    private final Map<String, BoundedSendSession> sessions = new ConcurrentHashMap<>();

    BoundedTransport(WebSocketProperties properties) {
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WRITERS, WRITERS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "ws-send-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.writers = pool;
    }

    /** Closes the session once what was queued for it has been sent; nothing if it is not on this node. */
    void close(String sessionId, CloseStatus status) {
        BoundedSendSession session = sessions.get(sessionId);
        if (session != null) {
            session.close(status);
        }
    }

        WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                BoundedSendSession bounded = new BoundedSendSession(session, writers, properties.sendBufferBytes(),
                        properties.sendTimeLimit(), System::currentTimeMillis);
                sessions.put(session.getId(), bounded);
                super.afterConnectionEstablished(bounded);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                BoundedSendSession bounded = sessions.remove(session.getId());
                if (bounded != null) {
                    bounded.discard();
                }
                super.afterConnectionClosed(session, status);
            }

            /**
             * The container holds a whole message only up to its buffer, which Spring sets to 16 KiB per session,
             * and closes the connection (1009, no ERROR frame) on a larger one: frames between 16 KiB and the
             * configured limit would be refused that way. In parts, Spring's STOMP decoder counts them up to
             * {@code CHAT_WS_MAX_FRAME_BYTES} and answers a larger frame with an ERROR frame.
             */
            @Override
            public boolean supportsPartialMessages() {
                return true;
            }
        };
    }

    @PreDestroy
    void stop() {
        writers.shutdownNow();
    }
}

package io.eventchat.gateway.support;

import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A STOMP client over WebSocket, used as a browser would: CONNECT with the bearer token, SUBSCRIBE, SEND. */
public final class StompClient implements AutoCloseable {

    private static final WebSocketStompClient CLIENT = client();

    private final StompSession session;
    private final BlockingQueue<String> errors;

    private StompClient(StompSession session, BlockingQueue<String> errors) {
        this.session = session;
        this.errors = errors;
    }

    private static WebSocketStompClient client() {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new StringMessageConverter() {
            @Override
            protected boolean supportsMimeType(org.springframework.messaging.MessageHeaders headers) {
                return true; // frames are application/json; the tests parse the text themselves
            }
        });
        return client;
    }

    /** Transport failures of every client of this run (closed connections), newest last: for failure messages. */
    public static final BlockingQueue<String> TRANSPORT_ERRORS = new LinkedBlockingQueue<>();

    /** Connects; throws when the server refuses (the ERROR frames it sent are in {@code errors}). */
    public static StompClient connect(int port, String token, BlockingQueue<String> errors) throws Exception {
        return connect(port, token, errors, new WebSocketHttpHeaders());
    }

    public static StompClient connect(int port, String token, BlockingQueue<String> errors,
                                      WebSocketHttpHeaders handshake) throws Exception {
        StompHeaders connect = new StompHeaders();
        if (token != null) {
            connect.add("Authorization", "Bearer " + token);
        }
        StompSession session = CLIENT.connectAsync("ws://localhost:" + port + "/ws", handshake, connect,
                new StompSessionHandlerAdapter() {
                    @Override
                    public Type getPayloadType(StompHeaders headers) {
                        return String.class;
                    }

                    @Override
                    public void handleFrame(StompHeaders headers, Object payload) {
                        errors.add(headers.getFirst("message") + " " + payload);
                    }

                    @Override
                    public void handleException(StompSession session, StompCommand command, StompHeaders headers,
                                                byte[] payload, Throwable exception) {
                        errors.add(String.valueOf(exception));
                    }

                    @Override
                    public void handleTransportError(StompSession session, Throwable exception) {
                        // not an ERROR frame; kept apart so that a test failing on a missing ERROR frame says why
                        TRANSPORT_ERRORS.add(System.currentTimeMillis() + " " + exception);
                    }
                }).get(5, TimeUnit.SECONDS);
        return new StompClient(session, errors);
    }

    public static StompClient connect(int port, String token) throws Exception {
        return connect(port, token, new LinkedBlockingQueue<>());
    }

    /** Subscribes; the frames arriving for it, parsed, go into the returned queue. */
    public BlockingQueue<JsonNode> subscribe(String destination, Long sinceSeq) {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        if (sinceSeq != null) {
            headers.add("since-seq", sinceSeq.toString());
        }
        session.subscribe(headers, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return String.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                frames.add(Api.JSON.readTree((String) payload));
            }
        });
        return frames;
    }

    public void send(String destination, String json) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, json);
    }

    /**
     * Sends, unless the server has closed the session meanwhile, as it does right after an ERROR frame: a client
     * still writing then fails on its side. Such a failure counts only if the session really ends (within 5 s);
     * answers whether the frame went out.
     */
    public boolean trySend(String destination, String json) {
        return unlessClosedByTheServer(() -> send(destination, json));
    }

    /** Subscribes, unless the server has closed the session meanwhile (see {@link #trySend}). */
    public boolean trySubscribe(String destination) {
        return unlessClosedByTheServer(() -> subscribe(destination, null));
    }

    private boolean unlessClosedByTheServer(Runnable write) {
        try {
            write.run();
            return true;
        } catch (MessageDeliveryException | IllegalStateException failed) {
            // MessageDeliveryException: the write failed; IllegalStateException: the client already saw the close
            if (awaitClosed(Duration.ofSeconds(5))) {
                return false;
            }
            throw failed;
        }
    }

    /** Waits until the server has closed the session; answers whether it did within {@code timeout}. */
    public boolean awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (session.isConnected()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public boolean connected() {
        return session.isConnected();
    }

    public BlockingQueue<String> errors() {
        return errors;
    }

    /** Waits for the next frame for up to 5 s. */
    public static JsonNode next(BlockingQueue<JsonNode> frames) throws InterruptedException {
        return next(frames, Duration.ofSeconds(5));
    }

    /** Waits for the next frame for up to {@code bound}. */
    public static JsonNode next(BlockingQueue<JsonNode> frames, Duration bound) throws InterruptedException {
        JsonNode frame = frames.poll(bound.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame arrived within " + bound.toMillis() + " ms");
        }
        return frame;
    }

    /** Collects frames until {@code count} arrived (5 s each at most). */
    public static List<JsonNode> next(BlockingQueue<JsonNode> frames, int count) throws InterruptedException {
        List<JsonNode> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(next(frames));
        }
        return received;
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
    }
}

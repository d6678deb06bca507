package io.eventchat.gateway.support;

import tools.jackson.databind.JsonNode;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP/1.1 connection over a plain socket, for what no well-behaved client library sends: a {@code
 * Content-Length} that is not the length of the bytes that follow. Writing and reading run on threads of their own,
 * so answers are read while the body is still going out (a server that refuses early, then closes, is seen doing
 * so), and a server that stops reading cannot block the test.
 */
public final class RawConnection implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final Socket socket;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicLong written = new AtomicLong();
    private volatile CompletableFuture<Long> writing = CompletableFuture.completedFuture(0L);

    public RawConnection(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        Thread reader = new Thread(this::readReplies, "raw-http-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** An answer as it came over the wire. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            return Api.JSON.readTree(body);
        }

        public String code() {
            return json().path("code").asString();
        }
    }

    /**
     * Starts sending {@code bytes} in the background. The future completes with the number of bytes sent when all
     * were, or exceptionally when the server cut the connection first.
     */
    public CompletableFuture<Long> send(byte[] bytes) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (int offset = 0; offset < bytes.length; offset += CHUNK) {
                    int n = Math.min(CHUNK, bytes.length - offset);
                    out.write(bytes, offset, n);
                    written.addAndGet(n);
                }
                out.flush();
                done.complete(written.get());
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        }, "raw-http-writer");
        writer.setDaemon(true);
        writer.start();
        writing = done;
        return done;
    }

    /** Bytes the socket accepted so far (some may still sit in buffers the server never read). */
    public long written() {
        return written.get();
    }

    /** Whether the last {@link #send} was cut off by the server rather than completed. */
    public boolean sendWasCut(Duration timeout) throws InterruptedException {
        try {
            writing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (TimeoutException e) {
            throw new AssertionError("still sending after " + timeout);
        }
    }

    /** The next answer on this connection, waiting at most {@code timeout}. */
    public Reply reply(Duration timeout) throws InterruptedException {
        Reply reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (reply == null) {
            throw new AssertionError("no answer within " + timeout + (ended.getCount() == 0 ? " (connection closed)"
                    : ""));
        }
        return reply;
    }

    /** Answers already read and not yet taken. */
    public List<Reply> remainingReplies() {
        List<Reply> rest = new ArrayList<>();
        replies.drainTo(rest);
        return rest;
    }

    /** Whether the server closed (or reset) the connection within {@code timeout}, with this side still open. */
    public boolean closedByServerWithin(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readReplies() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            while (true) {
                String statusLine = line(in);
                if (statusLine == null) {
                    return;
                }
                if (statusLine.isEmpty()) {
                    continue;
                }
                int status = Integer.parseInt(statusLine.split(" ")[1]);
                Map<String, String> headers = new LinkedHashMap<>();
                for (String header; (header = line(in)) != null && !header.isEmpty(); ) {
                    int colon = header.indexOf(':');
                    headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).trim());
                }
                byte[] body;
                if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    body = chunked(in);
                } else if (headers.containsKey("content-length")) {
                    body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
                } else if (status == 204 || status == 304 || status < 200) {
                    body = new byte[0];
                } else {
                    body = in.readAllBytes();
                }
                replies.add(new Reply(status, headers, new String(body, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            // a reset ends the connection just as a close does
        } finally {
            ended.countDown();
        }
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("connection ended inside a chunked body");
            }
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                String trailer = line(in);
                while (trailer != null && !trailer.isEmpty()) {
                    trailer = line(in);
                }
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(length));
            line(in);
        }
    }

    /** A CRLF-terminated line without its terminator, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}

package io.eventchat.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A STOMP client on a bare socket, writing exactly the frames a test gives it (ids of its choosing, frames a library
 * would not send) and reading frames only when asked. One that subscribes and then never reads is the slow consumer:
 * its receive buffer is made small before connecting, so the server's writes to it soon block.
 */
public final class RawStompClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OTHER = new String("(not a text frame)");

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private RawStompClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /**
     * Opens the WebSocket, sends CONNECT (no heart-beats) and waits for CONNECTED, then subscribes to each destination
     * (ids {@code silent-0}, {@code silent-1}, …).
     */
    public static RawStompClient connect(int port, String token, String... destinations) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), 5000);
        socket.setSoTimeout(5000);
        RawStompClient client = new RawStompClient(socket);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        client.out.write(("GET /ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String response = client.readHttpHeaders();
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + response);
        }
        client.sendText("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nAuthorization:Bearer " + token
                + "\n\n\0");
        String connected = client.readText();
        if (!connected.startsWith("CONNECTED")) {
            throw new IOException("not connected: " + connected);
        }
        for (int i = 0; i < destinations.length; i++) {
            client.sendText("SUBSCRIBE\nid:silent-" + i + "\ndestination:" + destinations[i] + "\n\n\0");
        }
        return client;
    }

    /** Sends one STOMP frame: a command, headers as "name:value" lines, and a body (may be empty). */
    public void send(String command, String body, String... headers) throws IOException {
        sendText(command + "\n" + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\n").toList())
                + "\n" + body + "\0");
    }

    /** The next STOMP frame from the server (a text message), or null when none arrives within {@code timeout}. */
    public String next(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            return readText();
        } catch (SocketTimeoutException quiet) {
            return null;
        }
    }

    /**
     * Reads on, discarding what arrives, and answers whether the server closes the connection within
     * {@code timeout}: it sends a WebSocket close frame, or the stream ends or is reset.
     */
    public boolean closedByServer(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout(200);
            try {
                if (readFrame() == null) {
                    return true;
                }
            } catch (SocketTimeoutException idle) {
                // nothing arrived in this interval; the connection may still be open
            } catch (EOFException | SocketException ended) {
                return true;
            }
        }
        return false;
    }

    private String readHttpHeaders() throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            headers.write(b);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one masked text frame, as a client must. */
    private void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            throw new IllegalArgumentException("frame too large for this client");
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads one unfragmented text frame from the server. */
    private String readText() throws IOException {
        String text = readFrame();
        if (text == null) {
            throw new EOFException("the server closed the WebSocket");
        }
        if (text == OTHER) {
            throw new IOException("expected a whole text frame");
        }
        return text;
    }

    /**
     * Reads one unfragmented frame from the server: a text frame's text, with the STOMP header escapes of its
     * header lines undone ({@code \c} is a colon), or null for a close frame.
     */
    private String readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int waitedFor = socket.getSoTimeout();
        socket.setSoTimeout(5000); // the rest of a frame that has begun arrives at once
        try {
            return readFrameAfter(first);
        } finally {
            socket.setSoTimeout(waitedFor);
        }
    }

    private String readFrameAfter(int first) throws IOException {
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        int opcode = first & 0x0f;
        if (opcode == 8) {
            return null;
        }
        if (opcode != 1) {
            return OTHER; // a continuation, ping or pong: no STOMP frame of its own
        }
        String frame = new String(payload, StandardCharsets.UTF_8);
        int body = frame.indexOf("\n\n");
        String headers = body < 0 ? frame : frame.substring(0, body);
        return headers.replace("\\c", ":").replace("\\n", "\n").replace("\\r", "\r")
                .replace("\\\\", "\\") + (body < 0 ? "" : frame.substring(body));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

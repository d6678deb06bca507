import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a running backend from outside, as clients do: HTTP posts and STOMP-over-WebSocket subscribers (JDK only,
 * run with {@code java PushBench.java}). Prints markdown table rows.
 *
 * <pre>
 * java PushBench.java latency BASE_URL RATE SECONDS   # post→frame latency at RATE msg/s, one subscriber
 * java PushBench.java fanout  BASE_URL SESSIONS RATE SECONDS   # one room, SESSIONS subscribed sessions
 * </pre>
 */
public class PushBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(16)).build();
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    static final Pattern CLIENT_ID = Pattern.compile("\"clientMessageId\":\"(b-[0-9]+)\"");
    static final Pattern LAST_SEQ = Pattern.compile("\"lastSeq\":([0-9]+)");

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String base = args[1];
        if (mode.equals("latency")) {
            latency(base, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            fanout(base, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- scenarios

    static void latency(String base, int rate, int seconds) throws Exception {
        String[] sender = register(base, "lat");
        String[] watcher = register(base, "watch");
        String room = createRoom(base, sender[1], List.of(watcher[0]));
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        Stomp stomp = Stomp.connect(base, watcher[1], frame -> {
            Matcher m = CLIENT_ID.matcher(frame);
            if (frame.contains("message.posted") && m.find()) {
                Long start = sentAt.remove(m.group(1));
                if (start != null) {
                    latencies.add(System.nanoTime() - start);
                }
            }
        });
        stomp.subscribe("/topic/rooms/" + room, lastSeq(base, watcher[1], room));
        Thread.sleep(500);
        long total = (long) rate * seconds;
        AtomicLong failed = new AtomicLong();
        long started = System.nanoTime();
        post(base, sender[1], room, total, rate, sentAt, failed);
        long elapsed = System.nanoTime() - started;
        waitFor(() -> latencies.size() + failed.get() >= total, 10);
        stomp.close();
        print("post→frame, one room, " + rate + " msg/s offered", total, elapsed, failed.get(), latencies);
    }

    static void fanout(String base, int sessions, int rate, int seconds) throws Exception {
        int users = Math.max(1, sessions / 100);
        String[] sender = register(base, "fan");
        List<String[]> audience = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            audience.add(register(base, "aud" + i));
        }
        String room = createRoom(base, sender[1], audience.stream().map(u -> u[0]).toList());
        long seq = lastSeq(base, sender[1], room);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong frames = new AtomicLong();
        List<Stomp> sockets = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String[] user = audience.get(i % users);
            Stomp stomp = Stomp.connect(base, user[1], frame -> {
                Matcher m = CLIENT_ID.matcher(frame);
                if (frame.contains("message.posted") && m.find()) {
                    Long start = sentAt.get(m.group(1));
                    if (start != null) {
                        latencies.add(System.nanoTime() - start);
                        frames.incrementAndGet();
                    }
                }
            });
            stomp.subscribe("/topic/rooms/" + room, seq);
            sockets.add(stomp);
        }
        Thread.sleep(2000);
        long total = (long) rate * seconds;
        AtomicLong failed = new AtomicLong();
        long started = System.nanoTime();
        post(base, sender[1], room, total, rate, sentAt, failed);
        long expected = (total - failed.get()) * sessions;
        waitFor(() -> frames.get() >= expected, 20);
        long elapsed = System.nanoTime() - started;
        sockets.forEach(Stomp::close);
        System.out.printf("| fan-out to %d sessions, %d msg/s | %d frames of %d | %.0f frames/s | p50 %.1f ms | p99 %.1f ms |%n",
                sessions, rate, frames.get(), expected, frames.get() / (elapsed / 1e9), pct(latencies, 50),
                pct(latencies, 99));
    }

    // ---------------------------------------------------------------- HTTP

    static void post(String base, String token, String room, long total, int rate, Map<String, Long> sentAt,
                     AtomicLong failed) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch done = new CountDownLatch((int) total);
        AtomicLong next = new AtomicLong();
        long periodNanos = 1_000_000_000L / rate;
        ticker.scheduleAtFixedRate(() -> {
            long i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            String clientId = "b-" + i;
            sentAt.put(clientId, System.nanoTime());
            HTTP.sendAsync(request(base + "/api/rooms/" + room + "/messages", token,
                            "{\"content\":\"bench " + i + "\",\"clientMessageId\":\"" + clientId + "\"}"),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 201) {
                    failed.incrementAndGet();
                    sentAt.remove(clientId);
                }
                done.countDown();
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        done.await(300, TimeUnit.SECONDS);
        ticker.shutdownNow();
    }

    static String[] register(String base, String prefix) throws Exception {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        String body = send(request(base + "/api/auth/register", null, "{\"username\":\"" + name + "\",\"email\":\""
                + name + "@bench.local\",\"password\":\"password-" + name + "\"}"));
        Matcher id = ID.matcher(body);
        Matcher token = TOKEN.matcher(body);
        if (!id.find() || !token.find()) {
            throw new IllegalStateException("register failed: " + body);
        }
        return new String[]{id.group(1), token.group(1)};
    }

    static String createRoom(String base, String token, List<String> others) throws Exception {
        String ids = String.join(",", others.stream().map(id -> "\"" + id + "\"").toList());
        String body = send(request(base + "/api/rooms", token,
                "{\"type\":\"GROUP\",\"name\":\"bench\",\"participantIds\":[" + ids + "]}"));
        Matcher id = ID.matcher(body);
        if (!id.find()) {
            throw new IllegalStateException("room not created: " + body);
        }
        return id.group(1);
    }

    static long lastSeq(String base, String token, String room) throws Exception {
        Matcher m = LAST_SEQ.matcher(send(HttpRequest.newBuilder(URI.create(base + "/api/rooms/" + room))
                .header("Authorization", "Bearer " + token).GET().build()));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static HttpRequest request(String url, String token, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    static String send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    // ---------------------------------------------------------------- STOMP over WebSocket

    static final class Stomp implements WebSocket.Listener {
        private final java.util.function.Consumer<String> frames;
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Void> connected = new CompletableFuture<>();
        private WebSocket socket;

        private Stomp(java.util.function.Consumer<String> frames) {
            this.frames = frames;
        }

        static Stomp connect(String base, String token, java.util.function.Consumer<String> frames) throws Exception {
            Stomp stomp = new Stomp(frames);
            stomp.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/ws"), stomp)
                    .get(10, TimeUnit.SECONDS);
            stomp.socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token
                    + "\n\n\0", true).get(10, TimeUnit.SECONDS);
            stomp.connected.get(10, TimeUnit.SECONDS);
            return stomp;
        }

        void subscribe(String destination, long sinceSeq) throws Exception {
            socket.sendText("SUBSCRIBE\nid:s0\ndestination:" + destination + "\nsince-seq:" + sinceSeq + "\n\n\0", true)
                    .get(10, TimeUnit.SECONDS);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.startsWith("CONNECTED")) {
                    connected.complete(null);
                } else if (frame.startsWith("ERROR")) {
                    connected.completeExceptionally(new IllegalStateException(frame));
                } else if (frame.startsWith("MESSAGE")) {
                    frames.accept(frame);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    // ---------------------------------------------------------------- statistics

    static void print(String label, long total, long elapsedNanos, long failed, List<Long> latencies) {
        System.out.printf("| %s | %.0f msg/s achieved | %d/%d frames | p50 %.1f ms | p99 %.1f ms |%n", label,
                (total - failed) / (elapsedNanos / 1e9), latencies.size(), total, pct(latencies, 50), pct(latencies, 99));
    }

    static double pct(List<Long> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted;
        synchronized (values) {
            sorted = values.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.round(p / 100.0 * (sorted.length - 1)))] / 1e6;
    }

    static void waitFor(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }
}

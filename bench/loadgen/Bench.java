import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark load generator: drives a running backend from outside, as its clients do, with the JDK only
 * ({@code HttpClient} over kept-alive HTTP/1.1 connections, {@code java.net.http.WebSocket} for STOMP 1.2). Run it as
 * a single-file program ({@code java Bench.java MODE --option value ...}) or compiled ({@code javac -d DIR}).
 *
 * <pre>
 * e2e    --senders N --rooms M --seconds S [--warmup W] [--drain D]
 *        closed loop: N senders each post, wait for the HTTP answer, post again, for S seconds, spread over M rooms
 *        (a sender's k-th post goes to room (sender + k) mod M); one subscriber session per room measures
 *        POST→frame latency (matched by clientMessageId); also the HTTP answer latency. [--ready-file F
 *        --ready-pause P] writes F once the rooms and subscriptions are set up, then waits P seconds before posting
 * single --count N [--warmup-count W]     one sender, N sequential posts into one room: POST answer latency
 * rate   --rate R --seconds S [--rooms M] [--max-inflight C]
 *        open loop: R posts per second regardless of answers; POST→frame latency at that offered rate
 * fanout --sessions N --rate R --seconds S [--warmup W] [--per-user U]
 *        one room, N subscribed STOMP sessions (U sessions per user), R posts per second: frames/s and latency
 * seed   --rooms M --messages K --out FILE   a reader in M rooms of K messages each; writes its token and the room
 *        ids to FILE (for the wrk script of GET …/messages/recent)
 * writers --writers N --rooms M --out FILE   N users spread over M rooms (writer i in room i mod M, every writer a
 *        participant of its room); writes one "token room" line per writer to FILE (for the wrk script of POST)
 * common: --base URL (http://127.0.0.1:8080) --pid PID (the server: CPU and RSS over the measured window)
 *         --id ID --key KEY --name NAME (labels of the result)
 * </pre>
 *
 * Each scenario prints one line and, when {@code BENCH_RESULTS_JSONL} is set, appends a JSON result to that file
 * (read by {@code bench/report.py}). Server CPU is utime+stime of /proc/PID/stat over the measured window divided by
 * its wall time (cores used); RSS is VmRSS of /proc/PID/status, sampled every 100 ms (peak) and at the end.
 */
public class Bench {

    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    static final Pattern LAST_SEQ = Pattern.compile("\"lastSeq\":([0-9]+)");
    static final String CLIENT_ID = "\"clientMessageId\":\"";
    static final AtomicInteger CLOSED_BY_SERVER = new AtomicInteger();

    static Map<String, String> opts = new LinkedHashMap<>();
    static HttpClient http;
    static String base;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java Bench.java e2e|single|rate|fanout|seed --option value ... (see the source)");
            System.exit(2);
        }
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        base = opt("base", "http://127.0.0.1:8080");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(num("client-threads", 8), daemon())).build();
        switch (args[0]) {
            case "e2e" -> e2e();
            case "single" -> single();
            case "rate" -> rate();
            case "fanout" -> fanout();
            case "seed" -> seed();
            case "writers" -> writers();
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    /** Closed loop: each sender posts, waits for the answer, posts again. */
    static void e2e() throws Exception {
        int senders = num("senders", 16);
        int roomCount = num("rooms", 64);
        double seconds = dbl("seconds", 30);
        double warmup = dbl("warmup", 5);
        double drain = dbl("drain", 30);
        User owner = register("own");
        User watcher = register("watch");
        List<User> users = registerAll("snd", senders);
        List<String> members = new ArrayList<>(users.stream().map(u -> u.id).toList());
        members.add(watcher.id);
        List<String> rooms = parallel(roomCount, i -> createRoom(owner.token, members));

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Samples frameLatency = new Samples();
        List<Stomp> sockets = new ArrayList<>();
        for (String room : rooms) {
            long seq = awaitRoom(watcher.token, room);
            Stomp stomp = Stomp.connect(watcher.token, (frame, at) -> {
                String id = postedClientId(frame);
                if (id != null && id.startsWith("m-")) {
                    Long start = sentAt.remove(id);
                    if (start != null) {
                        frameLatency.add(at - start);
                    }
                }
            });
            stomp.subscribe("s0", "/topic/rooms/" + room, seq);
            sockets.add(stomp);
        }
        Thread.sleep(500);
        String ready = opts.get("ready-file");
        if (ready != null) {
            // set-up done: whoever waits on the file (bench/statements.sh resets its counters) gets a pause first
            Files.writeString(Path.of(ready), "ready\n");
            Thread.sleep((long) (dbl("ready-pause", 0) * 1000));
        }

        Samples httpLatency = new Samples();
        AtomicLong ok = new AtomicLong();
        Errors errors = new Errors();
        AtomicInteger phase = new AtomicInteger(); // 0 warm-up, 1 measured, 2 stop
        long[] window = new long[2];
        AtomicLong firstThird = new AtomicLong();
        AtomicLong lastThird = new AtomicLong();
        AtomicLong warmPosts = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            User user = users.get(s);
            Thread thread = new Thread(() -> {
                for (long k = 0; phase.get() != 2; k++) {
                    boolean measured = phase.get() == 1;
                    String room = rooms.get((int) ((sender + k) % roomCount));
                    String id = (measured ? "m-" : "w-") + sender + "-" + k;
                    long t0 = System.nanoTime();
                    if (measured) {
                        sentAt.put(id, t0);
                    }
                    try {
                        HttpResponse<String> response = http.send(postRequest(user.token, room, id, "e2e " + k),
                                HttpResponse.BodyHandlers.ofString());
                        long t1 = System.nanoTime();
                        if (response.statusCode() == 201) {
                            if (measured) {
                                ok.incrementAndGet();
                                httpLatency.add(t1 - t0);
                                // by start time, like the throughput: posts started in each third of the window
                                long third = (t0 - window[0]) * 3 / Math.max(1, (long) (seconds * 1e9));
                                if (third == 0) {
                                    firstThird.incrementAndGet();
                                } else if (third >= 2) {
                                    lastThird.incrementAndGet();
                                }
                            } else {
                                warmPosts.incrementAndGet();
                            }
                        } else {
                            sentAt.remove(id);
                            if (measured) {
                                errors.status(response.statusCode(), response.body());
                            }
                        }
                    } catch (Exception e) {
                        sentAt.remove(id);
                        if (measured) {
                            errors.exception(e);
                        }
                        LockSupport.parkNanos(50_000_000);
                    }
                }
            }, "sender-" + s);
            thread.start();
            threads.add(thread);
        }
        sleepSeconds(warmup);
        Watch server = Watch.server();
        Watch client = Watch.self();
        window[0] = System.nanoTime();
        phase.set(1);
        sleepSeconds(seconds);
        phase.set(2);
        window[1] = System.nanoTime();
        Watch.Result serverUse = server.stop();
        Watch.Result clientUse = client.stop();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        waitFor(sentAt::isEmpty, drain);
        long missing = sentAt.size();
        sockets.forEach(Stomp::close);

        // throughput: posts started in the window and answered 201, per second of the window
        double measuredSeconds = (window[1] - window[0]) / 1e9;
        double rate = ok.get() / measuredSeconds;
        String where = roomCount == 1 ? "one hot room" : roomCount + " rooms";
        String common = String.format(Locale.ROOT,
                "msg/s in the first→last third of the run %.0f→%.0f; history grew by %d posts (%d in warm-up) over %d room(s); "
                        + "%s; client (load generator) %.2f cores",
                firstThird.get() / (measuredSeconds / 3), lastThird.get() / (measuredSeconds / 3),
                ok.get() + warmPosts.get(), warmPosts.get(), roomCount, errors.summary(), clientUse.cores);
        Map<String, Object> frames = result("1", "e2e-frame-" + senders + "s-" + roomCount + "r",
                "PostMessage end to end, " + senders + " sender(s), " + where + ": POST→frame");
        frames.put("result", String.format(Locale.ROOT, "%.0f msg/s", rate));
        frames.put("throughput", rate);
        frames.put("unit", "msg/s");
        latencies(frames, frameLatency);
        serverUse.into(frames);
        frames.put("notes", String.format(Locale.ROOT, "frames %d of %d posts (missing %d after %.0f s drain); %s",
                frameLatency.size(), ok.get(), missing, drain, common));
        frames.put("first_third_rate", firstThird.get() / (measuredSeconds / 3));
        frames.put("last_third_rate", lastThird.get() / (measuredSeconds / 3));
        emit(frames);
        Map<String, Object> answers = result("1", "e2e-http-" + senders + "s-" + roomCount + "r",
                "PostMessage end to end, " + senders + " sender(s), " + where + ": HTTP answer");
        answers.put("result", String.format(Locale.ROOT, "%.0f msg/s", rate));
        answers.put("throughput", rate);
        answers.put("unit", "msg/s");
        latencies(answers, httpLatency);
        serverUse.into(answers);
        answers.put("notes", String.format(Locale.ROOT, "%d posts answered 201 in %.1f s", ok.get(), measuredSeconds));
        emit(answers);
    }

    /** One sender, sequential posts into one room, after a warm-up. */
    static void single() throws Exception {
        int count = num("count", 1000);
        int warm = num("warmup-count", 100);
        User sender = register("one");
        User watcher = register("watch");
        String room = createRoom(sender.token, List.of(watcher.id));
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Samples frameLatency = new Samples();
        Stomp stomp = Stomp.connect(watcher.token, (frame, at) -> {
            String id = postedClientId(frame);
            Long start = id == null ? null : sentAt.remove(id);
            if (start != null) {
                frameLatency.add(at - start);
            }
        });
        stomp.subscribe("s0", "/topic/rooms/" + room, awaitRoom(watcher.token, room));
        Errors errors = new Errors();
        for (int i = 0; i < warm; i++) {
            http.send(postRequest(sender.token, room, "w-" + i, "warm-up " + i), HttpResponse.BodyHandlers.discarding());
        }
        Samples httpLatency = new Samples();
        Watch server = Watch.server();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = "m-" + i;
            long t0 = System.nanoTime();
            sentAt.put(id, t0);
            try {
                HttpResponse<String> response = http.send(postRequest(sender.token, room, id, "single " + i),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    httpLatency.add(System.nanoTime() - t0);
                } else {
                    sentAt.remove(id);
                    errors.status(response.statusCode(), response.body());
                }
            } catch (Exception e) {
                sentAt.remove(id);
                errors.exception(e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Watch.Result serverUse = server.stop();
        waitFor(sentAt::isEmpty, 10);
        stomp.close();
        double rate = httpLatency.size() / seconds;
        Map<String, Object> r = result("2", "single", "Single sender, sequential POST (HTTP answer)");
        r.put("result", String.format(Locale.ROOT, "%.0f msg/s", rate));
        r.put("throughput", rate);
        r.put("unit", "msg/s");
        latencies(r, httpLatency);
        serverUse.into(r);
        r.put("notes", String.format(Locale.ROOT, "%d posts after %d warm-up; POST→frame p50 %.1f / p99 %.1f ms "
                        + "(%d frames); %s", httpLatency.size(), warm, frameLatency.pct(50), frameLatency.pct(99),
                frameLatency.size(), errors.summary()));
        emit(r);
    }

    /** Open loop: posts at a fixed offered rate whatever the answers, with a cap on requests in flight. */
    static void rate() throws Exception {
        int rate = num("rate", 100);
        double seconds = dbl("seconds", 10);
        int roomCount = num("rooms", 1);
        int maxInflight = num("max-inflight", 512);
        double drain = dbl("drain", 30);
        User sender = register("rate");
        User watcher = register("watch");
        List<String> rooms = parallel(roomCount, i -> createRoom(sender.token, List.of(watcher.id)));
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Samples frameLatency = new Samples();
        List<Stomp> sockets = new ArrayList<>();
        for (String room : rooms) {
            long seq = awaitRoom(watcher.token, room);
            Stomp stomp = Stomp.connect(watcher.token, (frame, at) -> {
                String id = postedClientId(frame);
                Long start = id == null ? null : sentAt.remove(id);
                if (start != null) {
                    frameLatency.add(at - start);
                }
            });
            stomp.subscribe("s0", "/topic/rooms/" + room, seq);
            sockets.add(stomp);
        }
        Thread.sleep(500);
        String ready = opts.get("ready-file");
        if (ready != null) {
            // set-up done: whoever waits on the file (bench/statements.sh resets its counters) gets a pause first
            Files.writeString(Path.of(ready), "ready\n");
            Thread.sleep((long) (dbl("ready-pause", 0) * 1000));
        }
        // a short warm-up at a tenth of the rate
        for (int i = 0; i < Math.min(50, rate); i++) {
            http.send(postRequest(sender.token, rooms.get(i % roomCount), "w-" + i, "warm-up"),
                    HttpResponse.BodyHandlers.discarding());
        }
        Samples httpLatency = new Samples();
        Errors errors = new Errors();
        AtomicLong ok = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        Semaphore inflight = new Semaphore(maxInflight);
        long total = (long) (rate * seconds);
        Watch server = Watch.server();
        long started = System.nanoTime();
        long period = 1_000_000_000L / rate;
        AtomicLong lastAnswer = new AtomicLong(started);
        for (long i = 0; i < total; i++) {
            long due = started + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inflight.tryAcquire()) {
                skipped.incrementAndGet();
                continue;
            }
            String id = "m-" + i;
            long t0 = System.nanoTime();
            sentAt.put(id, t0);
            http.sendAsync(postRequest(sender.token, rooms.get((int) (i % roomCount)), id, "rate " + i),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                inflight.release();
                long t1 = System.nanoTime();
                if (error == null && response.statusCode() == 201) {
                    ok.incrementAndGet();
                    httpLatency.add(t1 - t0);
                    lastAnswer.accumulateAndGet(t1, Math::max);
                } else {
                    sentAt.remove(id);
                    if (error != null) {
                        errors.exception(error);
                    } else {
                        errors.status(response.statusCode(), response.body());
                    }
                }
            });
        }
        inflight.tryAcquire(maxInflight, 120, TimeUnit.SECONDS);
        double elapsed = (lastAnswer.get() - started) / 1e9;
        Watch.Result serverUse = server.stop();
        waitFor(sentAt::isEmpty, drain);
        sockets.forEach(Stomp::close);
        double achieved = ok.get() / Math.max(seconds, elapsed);
        Map<String, Object> r = result("1", "rate-" + rate + "-" + roomCount + "r",
                "POST→frame at " + rate + " msg/s offered (open loop), " + (roomCount == 1 ? "one room" : roomCount + " rooms"));
        r.put("result", String.format(Locale.ROOT, "%.0f msg/s achieved", achieved));
        r.put("throughput", achieved);
        r.put("unit", "msg/s");
        latencies(r, frameLatency);
        serverUse.into(r);
        r.put("http_p50_ms", httpLatency.pct(50));
        r.put("http_p99_ms", httpLatency.pct(99));
        r.put("notes", String.format(Locale.ROOT, "%d of %d offered answered 201, %d not sent (over %d in flight), "
                        + "%d frames; HTTP answer p50 %.1f / p99 %.1f ms; %s", ok.get(), total, skipped.get(), maxInflight,
                frameLatency.size(), httpLatency.pct(50), httpLatency.pct(99), errors.summary()));
        emit(r);
    }

    /** One room, many subscribed sessions, posts at a fixed rate: every post becomes one frame per session. */
    static void fanout() throws Exception {
        int sessions = num("sessions", 1000);
        int rate = num("rate", 20);
        double seconds = dbl("seconds", 10);
        double warmup = dbl("warmup", 2);
        double drain = dbl("drain", 30);
        int perUser = num("per-user", 100);
        int userCount = (sessions + perUser - 1) / perUser;
        User sender = register("fan");
        List<User> audience = registerAll("aud", userCount);
        String room = createRoom(sender.token, audience.stream().map(u -> u.id).toList());
        long seq = awaitRoom(sender.token, room);
        for (User user : audience) {
            awaitRoom(user.token, room);
        }
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Samples latency = new Samples();
        AtomicLong frames = new AtomicLong();
        AtomicLong lastFrame = new AtomicLong();
        Stomp.Handler handler = (frame, at) -> {
            String id = postedClientId(frame);
            Long start = id == null ? null : sentAt.get(id);
            if (start != null) {
                latency.add(at - start);
                frames.incrementAndGet();
                lastFrame.accumulateAndGet(at, Math::max);
            }
        };
        List<Stomp> sockets = parallel(sessions, i -> {
            Stomp stomp = Stomp.connect(audience.get(i % userCount).token, handler);
            stomp.subscribe("s0", "/topic/rooms/" + room, seq);
            return stomp;
        });
        Thread.sleep(2000);
        Errors errors = new Errors();
        post(sender.token, room, "w-", (long) (rate * warmup), rate, null, new AtomicLong(), errors);
        Thread.sleep(1000);
        errors = new Errors();
        long total = (long) (rate * seconds);
        AtomicLong ok = new AtomicLong();
        Watch server = Watch.server();
        Watch client = Watch.self();
        long started = System.nanoTime();
        post(sender.token, room, "m-", total, rate, sentAt, ok, errors);
        long expected = ok.get() * sessions;
        waitFor(() -> frames.get() >= expected, drain);
        Watch.Result serverUse = server.stop();
        Watch.Result clientUse = client.stop();
        long received = frames.get();
        double elapsed = (Math.max(lastFrame.get(), started + 1) - started) / 1e9;
        double frameRate = received / elapsed;
        sockets.forEach(Stomp::close);
        Map<String, Object> r = result("4", "fanout-" + rate, "Fan-out: one room, " + sessions + " STOMP sessions ("
                + userCount + " users), " + rate + " msg/s posted");
        r.put("result", String.format(Locale.ROOT, "%.0f frames/s", frameRate));
        r.put("throughput", frameRate);
        r.put("unit", "frames/s");
        latencies(r, latency);
        serverUse.into(r);
        r.put("notes", String.format(Locale.ROOT, "%d of %d frames (%d posts × %d sessions) in %.1f s, latency over "
                        + "the frames received within the %.0f s drain; "
                        + "sessions closed by the server %d; %s; client (load generator) %.2f cores", received, expected,
                ok.get(), sessions, elapsed, drain, CLOSED_BY_SERVER.get(), errors.summary(), clientUse.cores));
        emit(r);
    }

    /** A reader in several rooms full of messages, for the wrk script of GET …/messages/recent. */
    static void seed() throws Exception {
        int roomCount = num("rooms", 8);
        int messages = num("messages", 60);
        Path out = Path.of(opt("out", "recent-seed.txt"));
        User reader = register("reader");
        List<String> rooms = parallel(roomCount, i -> {
            String room = createRoom(reader.token, List.of());
            for (int m = 0; m < messages; m++) {
                HttpResponse<String> response = http.send(postRequest(reader.token, room, "seed-" + m,
                        "a message of the benchmark's seed, number " + m), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("seed post failed: " + response.statusCode() + " " + response.body());
                }
            }
            return room;
        });
        int want = Math.min(50, messages);
        for (String room : rooms) {
            boolean full = waitFor(() -> {
                try {
                    String body = send(HttpRequest.newBuilder(URI.create(base + "/api/rooms/" + room + "/messages/recent"))
                            .header("Authorization", "Bearer " + reader.token).GET().build());
                    return count(body, "\"roomId\":") >= want;
                } catch (Exception e) {
                    return false;
                }
            }, 60);
            if (!full) {
                throw new IllegalStateException("room " + room + " did not show " + want + " recent messages in 60 s");
            }
        }
        Files.writeString(out, reader.token + "\n" + String.join("\n", rooms) + "\n");
        System.out.println("seeded " + roomCount + " rooms × " + messages + " messages → " + out);
    }

    /** Writers spread over rooms, one user each (as people are), for the wrk script of POST …/messages. */
    static void writers() throws Exception {
        int writerCount = num("writers", 64);
        int roomCount = Math.min(writerCount, num("rooms", 64));
        Path out = Path.of(opt("out", "post-seed.txt"));
        List<User> writers = registerAll("writer", writerCount);
        List<String> rooms = parallel(roomCount, r -> {
            List<String> members = new ArrayList<>();
            for (int w = r + roomCount; w < writerCount; w += roomCount) {
                members.add(writers.get(w).id);
            }
            return createRoom(writers.get(r).token, members);
        });
        for (String room : rooms) {
            awaitRoom(writers.get(rooms.indexOf(room)).token, room);
        }
        StringBuilder lines = new StringBuilder();
        for (int w = 0; w < writerCount; w++) {
            lines.append(writers.get(w).token).append(' ').append(rooms.get(w % roomCount)).append('\n');
        }
        Files.writeString(out, lines);
        System.out.println(writerCount + " writers over " + roomCount + " rooms → " + out);
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    record User(String id, String token) {
    }

    /** Posts {@code total} messages at {@code rate} per second (async, open loop) and waits for all answers. */
    static void post(String token, String room, String prefix, long total, int rate, Map<String, Long> sentAt,
                     AtomicLong ok, Errors errors) throws InterruptedException {
        AtomicLong pending = new AtomicLong(total);
        long period = 1_000_000_000L / Math.max(1, rate);
        long started = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long wait = started + i * period - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String id = prefix + i;
            if (sentAt != null) {
                sentAt.put(id, System.nanoTime());
            }
            http.sendAsync(postRequest(token, room, id, "fan-out " + i), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        if (error == null && response.statusCode() == 201) {
                            ok.incrementAndGet();
                        } else if (error != null) {
                            errors.exception(error);
                        } else {
                            errors.status(response.statusCode(), response.body());
                        }
                        pending.decrementAndGet();
                    });
        }
        waitFor(() -> pending.get() == 0, 120);
    }

    static HttpRequest postRequest(String token, String room, String clientId, String content) {
        return request(base + "/api/rooms/" + room + "/messages", token,
                "{\"content\":\"" + content + "\",\"clientMessageId\":\"" + clientId + "\"}");
    }

    static User register(String prefix) throws Exception {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = http.send(request(base + "/api/auth/register", null, "{\"username\":\"" + name
                        + "\",\"email\":\"" + name + "@bench.local\",\"password\":\"password-" + name + "\"}"),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(response.body());
        Matcher token = TOKEN.matcher(response.body());
        if (!id.find() || !token.find()) {
            throw new IllegalStateException("register failed: " + response.statusCode() + " " + response.body());
        }
        return new User(id.group(1), token.group(1));
    }

    static List<User> registerAll(String prefix, int count) throws Exception {
        return parallel(count, i -> register(prefix));
    }

    static String createRoom(String token, List<String> others) throws Exception {
        String ids = String.join(",", others.stream().map(id -> "\"" + id + "\"").toList());
        HttpResponse<String> response = http.send(request(base + "/api/rooms", token,
                        "{\"type\":\"GROUP\",\"name\":\"bench\",\"participantIds\":[" + ids + "]}"),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() / 100 != 2 || !id.find()) {
            throw new IllegalStateException("room not created: " + response.statusCode() + " " + response.body());
        }
        return id.group(1);
    }

    /** Waits until the room is readable for the token's user; answers its last seq. */
    static long awaitRoom(String token, String room) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/rooms/" + room))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = LAST_SEQ.matcher(response.body());
            if (response.statusCode() == 200 && m.find()) {
                return Long.parseLong(m.group(1));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("room " + room + " not readable: " + response.statusCode());
            }
            Thread.sleep(50);
        }
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
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The clientMessageId of a message.posted MESSAGE frame, or null. */
    static String postedClientId(String frame) {
        if (!frame.contains("message.posted")) {
            return null;
        }
        int i = frame.indexOf(CLIENT_ID);
        if (i < 0) {
            return null;
        }
        i += CLIENT_ID.length();
        int j = frame.indexOf('"', i);
        return j < 0 ? null : frame.substring(i, j);
    }

    /** Errors by HTTP status or exception type, with the first body seen. */
    static final class Errors {
        final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        volatile String first;

        void status(int status, String body) {
            add("HTTP " + status, body);
        }

        void exception(Throwable e) {
            Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            add(cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()));
        }

        private void add(String what, String detail) {
            counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
            if (first == null) {
                first = what + ": " + (detail.length() > 200 ? detail.substring(0, 200) : detail);
                System.err.println("first error: " + first);
            }
        }

        String summary() {
            return counts.isEmpty() ? "no errors" : "errors " + counts;
        }
    }

    // ------------------------------------------------------------------------------------------------ STOMP

    static final class Stomp implements WebSocket.Listener {
        interface Handler {
            void frame(String frame, long arrivedNanos);
        }

        private final Handler handler;
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Void> connected = new CompletableFuture<>();
        private volatile boolean closing;
        private WebSocket socket;

        private Stomp(Handler handler) {
            this.handler = handler;
        }

        static Stomp connect(String token, Handler handler) throws Exception {
            Stomp stomp = new Stomp(handler);
            stomp.socket = http.newWebSocketBuilder().buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/ws"), stomp)
                    .get(20, TimeUnit.SECONDS);
            stomp.socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token
                    + "\n\n\0", true).get(20, TimeUnit.SECONDS);
            stomp.connected.get(20, TimeUnit.SECONDS);
            return stomp;
        }

        void subscribe(String id, String destination, long sinceSeq) throws Exception {
            socket.sendText("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\nsince-seq:" + sinceSeq
                    + "\n\n\0", true).get(20, TimeUnit.SECONDS);
        }

        void close() {
            closing = true;
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long at = System.nanoTime();
            String frame = null;
            if (last && partial.length() == 0) {
                frame = data.toString();
            } else {
                partial.append(data);
                if (last) {
                    frame = partial.toString();
                    partial.setLength(0);
                }
            }
            if (frame != null) {
                if (frame.startsWith("MESSAGE")) {
                    handler.frame(frame, at);
                } else if (frame.startsWith("CONNECTED")) {
                    connected.complete(null);
                } else if (frame.startsWith("ERROR")) {
                    connected.completeExceptionally(new IllegalStateException(frame));
                    System.err.println("STOMP ERROR: " + frame.replace('\n', ' '));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!closing) {
                CLOSED_BY_SERVER.incrementAndGet();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!closing) {
                CLOSED_BY_SERVER.incrementAndGet();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ measuring

    /** Latencies in nanoseconds; percentiles by nearest rank, in milliseconds. */
    static final class Samples {
        private long[] values = new long[4096];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized int size() {
            return size;
        }

        synchronized double pct(double p) {
            if (size == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100 * size) - 1;
            return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
        }
    }

    /** CPU (utime + stime) and RSS of a process over a window. */
    static final class Watch {
        static final double CLK_TCK = Double.parseDouble(System.getenv().getOrDefault("BENCH_CLK_TCK", "100"));
        final long pid;
        final long started = System.nanoTime();
        final long ticks;
        final AtomicLong peakKb = new AtomicLong();
        final Thread sampler;
        volatile boolean running = true;

        record Result(double cores, double cpuSeconds, double peakMiB, double endMiB) {
            void into(Map<String, Object> result) {
                if (!Double.isNaN(cores)) {
                    result.put("cpu_cores", cores);
                    result.put("cpu_seconds", cpuSeconds);
                    result.put("rss_peak_mib", peakMiB);
                    result.put("rss_end_mib", endMiB);
                }
            }
        }

        private Watch(long pid) {
            this.pid = pid;
            this.ticks = pid > 0 ? ticks(pid) : 0;
            this.sampler = new Thread(() -> {
                while (running && pid > 0) {
                    peakKb.accumulateAndGet(rssKb(pid), Math::max);
                    LockSupport.parkNanos(100_000_000);
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        static Watch server() {
            return new Watch(Long.parseLong(opt("pid", "0")));
        }

        static Watch self() {
            return new Watch(ProcessHandle.current().pid());
        }

        Result stop() {
            running = false;
            if (pid <= 0) {
                return new Result(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double wall = (System.nanoTime() - started) / 1e9;
            double cpu = (ticks(pid) - ticks) / CLK_TCK;
            long end = rssKb(pid);
            long peak = Math.max(peakKb.get(), end);
            return new Result(cpu / wall, cpu, peak / 1024.0, end / 1024.0);
        }

        static long ticks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
            } catch (IOException e) {
                return 0;
            }
        }

        static long rssKb(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the process is gone
            }
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------------ results

    static Map<String, Object> result(String id, String key, String name) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", opt("id", id));
        r.put("key", opt("key", key));
        r.put("name", opt("name", name));
        return r;
    }

    static void latencies(Map<String, Object> r, Samples samples) {
        r.put("samples", samples.size());
        r.put("p50_ms", samples.pct(50));
        r.put("p95_ms", samples.pct(95));
        r.put("p99_ms", samples.pct(99));
    }

    static void emit(Map<String, Object> r) throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> e : r.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(e.getKey())).append(':');
            Object v = e.getValue();
            if (v instanceof Number n && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))) {
                json.append(v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : n.toString());
            } else if (v instanceof Double) {
                json.append("null");
            } else {
                json.append(quote(String.valueOf(v)));
            }
        }
        json.append('}');
        System.out.printf(Locale.ROOT, "| %s | %s | p50 %.1f ms | p95 %.1f ms | p99 %.1f ms | %s |%n", r.get("name"),
                r.get("result"), (Double) r.getOrDefault("p50_ms", Double.NaN), (Double) r.getOrDefault("p95_ms", Double.NaN),
                (Double) r.getOrDefault("p99_ms", Double.NaN), r.getOrDefault("notes", ""));
        String file = System.getenv("BENCH_RESULTS_JSONL");
        if (file != null && !file.isBlank()) {
            Files.writeString(Path.of(file), json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    interface IndexedTask<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code count} tasks on a few threads, in order of index; the first failure is thrown. */
    static <T> List<T> parallel(int count, IndexedTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(count, num("setup-threads", 8))), daemon());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> task.run(index)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> future : futures) {
                out.add(future.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        };
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    static String opt(String name, String fallback) {
        return opts.getOrDefault(name, fallback);
    }

    static int num(String name, int fallback) {
        return Integer.parseInt(opt(name, Integer.toString(fallback)));
    }

    static double dbl(String name, double fallback) {
        return Double.parseDouble(opt(name, Double.toString(fallback)));
    }

    static void sleepSeconds(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    static boolean waitFor(BooleanSupplier condition, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}

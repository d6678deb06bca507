import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault suite's client: drives a running backend from outside as its clients do, with the JDK only (HTTP/1.1 over
 * {@code java.net.http}, STOMP 1.2 over {@code java.net.http.WebSocket}, a small JSON reader below), and reads the
 * event store with {@code psql}. The scripts beside it (bench/faults/*.sh) start the servers and inflict the faults;
 * this program loads, records and judges. Compile it with {@code javac -d DIR Faults.java}, run
 * {@code java -cp DIR Faults MODE --option value ...}:
 *
 * <pre>
 * setup  --base URL --senders N --rooms M --state FILE [--admin USER:PASSWORD]
 *        registers an owner, N senders and a watcher, creates M group rooms holding all of them; writes FILE
 * load   --state FILE --bases URL[,URL] --out POSTS --stop-file F [--max-seconds S] [--timeout S]
 *        [--watch URL[,URL] --frames FRAMES --drain S] [--health URL[,URL] --health-out FILE]
 *        closed loop until F exists: sender i posts its k-th message ("f-i-k") into room (i + k) mod M through base
 *        i mod #bases; a post not answered 2xx is retried with the same clientMessageId (after 200 ms) until it is,
 *        or the load stops. Every attempt is a line of POSTS. --watch: one STOMP session per URL (the watcher,
 *        subscribed to every room), each frame a line of FRAMES; after the stop it waits up to --drain seconds for
 *        the frames of every acknowledged post. --health: /actuator/health and /readiness of each URL every 500 ms
 * retry  --state FILE --base URL --posts POSTS[,POSTS] --out FILE
 *        posts every message never answered 2xx again, same clientMessageId, until answered; then every one of them
 *        a second time, which must answer 200 with the same message
 * verify --state FILE --base URL --posts POSTS[,POSTS] --psql CONNINFO --scenario NAME [--marks FILE]
 *        [--frames FRAMES --frame-nodes URL[,URL]] [--health-out FILE] [--local-node URL] [--max-delay-ms D]
 *        checks the event store and the API against every answer; prints one RESULT line; exit 1 if a guarantee broke
 * poison --base URL --psql CONNINFO --admin USER:PASSWORD [--rooms M] [--behind B] [--posts P]
 *        the poison-event scenario, whole (see bench/faults/poison.sh)
 * </pre>
 */
public class Faults {

    static final Map<String, String> opts = new LinkedHashMap<>();
    static HttpClient http;
    static final long START = System.currentTimeMillis();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java Faults MODE --option value ... (see the source)");
            System.exit(2);
        }
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3))
                .executor(Executors.newFixedThreadPool(8, daemon())).build();
        int status = switch (args[0]) {
            case "setup" -> setup();
            case "load" -> load();
            case "retry" -> retry();
            case "verify" -> verify();
            case "poison" -> Poison.run();
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        System.exit(status);
    }

    // ------------------------------------------------------------------------------------------------ setup

    record User(String name, String id, String token) {
    }

    /** Users and rooms of a run, as setup wrote them. */
    record State(User admin, User owner, User watcher, List<User> senders, List<String> rooms) {

        static State read(Path file) throws IOException {
            User admin = null, owner = null, watcher = null;
            List<User> senders = new ArrayList<>();
            List<String> rooms = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\t");
                switch (f[0]) {
                    case "admin" -> admin = new User(f[1], f[2], f[3]);
                    case "owner" -> owner = new User(f[1], f[2], f[3]);
                    case "watcher" -> watcher = new User(f[1], f[2], f[3]);
                    case "sender" -> senders.add(new User(f[1], f[2], f[3]));
                    case "room" -> rooms.add(f[1]);
                    default -> throw new IllegalStateException("bad state line " + line);
                }
            }
            return new State(admin, owner, watcher, senders, rooms);
        }
    }

    static int setup() throws Exception {
        String base = need("base");
        int senderCount = num("senders", 32);
        int roomCount = num("rooms", 8);
        String run = Long.toString(System.currentTimeMillis() % 100_000_000, 36);
        User admin = login(base, opt("admin", "faultadmin:faultadmin-password"));
        User owner = register(base, "fo" + run);
        User watcher = register(base, "fw" + run);
        List<User> senders = parallel(senderCount, i -> register(base, "fs" + run + "x" + i));
        List<Object> members = new ArrayList<>(senders.stream().map(User::id).toList());
        members.add(watcher.id);
        List<String> rooms = parallel(roomCount, i -> createRoom(base, owner.token, "fault room " + i, members));
        StringBuilder out = new StringBuilder();
        out.append("admin\t").append(admin.name).append('\t').append(admin.id).append('\t').append(admin.token).append('\n');
        out.append("owner\t").append(owner.name).append('\t').append(owner.id).append('\t').append(owner.token).append('\n');
        out.append("watcher\t").append(watcher.name).append('\t').append(watcher.id).append('\t').append(watcher.token)
                .append('\n');
        for (User s : senders) {
            out.append("sender\t").append(s.name).append('\t').append(s.id).append('\t').append(s.token).append('\n');
        }
        for (String room : rooms) {
            out.append("room\t").append(room).append('\n');
        }
        Files.writeString(Path.of(need("state")), out);
        for (String room : rooms) {
            awaitReadable(base, watcher.token, room);
        }
        System.err.printf("setup: %d senders, %d rooms%n", senders.size(), rooms.size());
        return 0;
    }

    static User register(String base, String name) throws Exception {
        Response r = call("POST", base + "/api/auth/register", null, Json.obj("username", name, "email",
                name + "@faults.local", "password", "password-" + name), 30);
        if (r.status != 201) {
            throw new IllegalStateException("register " + name + ": " + r.status + " " + r.body);
        }
        Map<String, Object> body = r.json();
        return new User(name, str(Json.path(body, "user.id")), str(body.get("accessToken")));
    }

    static User login(String base, String credentials) throws Exception {
        String[] up = credentials.split(":", 2);
        Response r = call("POST", base + "/api/auth/login", null, Json.obj("username", up[0], "password", up[1]), 30);
        if (r.status != 200) {
            throw new IllegalStateException("login " + up[0] + ": " + r.status + " " + r.body);
        }
        Map<String, Object> body = r.json();
        return new User(up[0], str(Json.path(body, "user.id")), str(body.get("accessToken")));
    }

    static String createRoom(String base, String token, String name, List<?> members) throws Exception {
        Response r = call("POST", base + "/api/rooms", token,
                Json.obj("name", name, "type", "GROUP", "participantIds", members), 30);
        if (r.status != 201) {
            throw new IllegalStateException("create room: " + r.status + " " + r.body);
        }
        return str(r.json().get("id"));
    }

    /** Waits until the room is readable by the user; answers its last seq. */
    static long awaitReadable(String base, String token, String room) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            Response r = call("GET", base + "/api/rooms/" + room, token, null, 10);
            if (r.status == 200) {
                return ((Number) r.json().get("lastSeq")).longValue();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("room " + room + " not readable: " + r.status + " " + r.body);
            }
            Thread.sleep(100);
        }
    }

    // ------------------------------------------------------------------------------------------------ load

    /** One attempt at a post: when it started and ended (epoch ms), where it went, what came back. */
    record Attempt(int sender, String room, String cmid, long start, long end, String node, String outcome,
                   String code, String messageId, long seq) {

        static final String HEADER = "sender\troom\tcmid\tstart\tend\tnode\toutcome\tcode\tmessageId\tseq";

        String line() {
            return sender + "\t" + room + "\t" + cmid + "\t" + start + "\t" + end + "\t" + node + "\t" + outcome + "\t"
                    + code + "\t" + messageId + "\t" + seq;
        }

        static Attempt parse(String line) {
            String[] f = line.split("\t");
            return new Attempt(Integer.parseInt(f[0]), f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), f[5],
                    f[6], f[7], f[8], Long.parseLong(f[9]));
        }

        boolean ok() {
            return outcome.equals("201") || outcome.equals("200");
        }

        boolean created() {
            return outcome.equals("201");
        }
    }

    /** A frame a watcher session received. */
    record Received(long at, String node, String room, long seq, String type, String cmid) {
        String line() {
            return at + "\t" + node + "\t" + room + "\t" + seq + "\t" + type + "\t" + cmid;
        }

        static Received parse(String line) {
            String[] f = line.split("\t");
            return new Received(Long.parseLong(f[0]), f[1], f[2], Long.parseLong(f[3]), f[4], f[5]);
        }
    }

    static int load() throws Exception {
        State state = State.read(Path.of(need("state")));
        List<String> bases = List.of(need("bases").split(","));
        Path stop = Path.of(need("stop-file"));
        double maxSeconds = dbl("max-seconds", 600);
        int timeout = num("timeout", 10);
        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Received> frames = new ConcurrentLinkedQueue<>();
        Map<String, Set<String>> framed = new ConcurrentHashMap<>(); // node -> cmids whose frame arrived
        List<Stomp> sockets = new ArrayList<>();
        List<String> watched = opts.containsKey("watch") ? List.of(need("watch").split(",")) : List.of();
        for (String node : watched) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            framed.put(node, seen);
            Stomp stomp = Stomp.connect(node, state.watcher.token, frame -> {
                Received r = new Received(System.currentTimeMillis(), node, str(frame.get("roomId")),
                        frame.get("seq") instanceof Number n ? n.longValue() : -1, str(frame.get("type")),
                        str(Json.path(frame, "data.clientMessageId")));
                frames.add(r);
                if (r.cmid != null) {
                    seen.add(r.cmid);
                }
            });
            int i = 0;
            for (String room : state.rooms) {
                stomp.subscribe("r" + i++, "/topic/rooms/" + room, awaitReadable(node, state.watcher.token, room));
            }
            sockets.add(stomp);
        }
        AtomicBoolean stopping = new AtomicBoolean();
        List<Thread> health = new ArrayList<>();
        ConcurrentLinkedQueue<String> healthLines = new ConcurrentLinkedQueue<>();
        if (opts.containsKey("health")) {
            for (String node : need("health").split(",")) {
                Thread t = new Thread(() -> sampleHealth(node, stopping, healthLines), "health");
                t.setDaemon(true);
                t.start();
                health.add(t);
            }
        }
        Thread.sleep(500); // the subscriptions registered
        long started = System.currentTimeMillis();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < state.senders.size(); s++) {
            int sender = s;
            User user = state.senders.get(s);
            String base = bases.get(s % bases.size());
            Thread thread = new Thread(() -> {
                for (long k = 0; !stopping.get(); k++) {
                    String room = state.rooms.get((int) ((sender + k) % state.rooms.size()));
                    String cmid = "f-" + sender + "-" + k;
                    while (!stopping.get()) {
                        Attempt a = post(base, user.token, sender, room, cmid, timeout);
                        attempts.add(a);
                        if (a.ok()) {
                            break;
                        }
                        sleep(200);
                    }
                }
            }, "sender-" + s);
            thread.start();
            threads.add(thread);
        }
        while (!Files.exists(stop) && System.currentTimeMillis() - started < maxSeconds * 1000) {
            Thread.sleep(100);
        }
        stopping.set(true);
        for (Thread thread : threads) {
            thread.join(timeout * 1000L + 5000);
        }
        long stopped = System.currentTimeMillis();
        Set<String> acknowledged = new TreeSet<>();
        attempts.forEach(a -> {
            if (a.ok()) {
                acknowledged.add(a.cmid);
            }
        });
        if (!watched.isEmpty()) {
            // the frames of every acknowledged post, on every watched node (or the drain runs out)
            long deadline = System.currentTimeMillis() + (long) (dbl("drain", 30) * 1000);
            while (System.currentTimeMillis() < deadline
                    && !framed.values().stream().allMatch(seen -> seen.containsAll(acknowledged))) {
                Thread.sleep(200);
            }
            sockets.forEach(Stomp::close);
            List<String> lines = new ArrayList<>();
            frames.forEach(f -> lines.add(f.line()));
            Files.write(Path.of(need("frames")), lines);
        }
        stopping.set(true);
        for (Thread t : health) {
            t.join(5000);
        }
        if (opts.containsKey("health-out")) {
            Files.write(Path.of(need("health-out")), List.copyOf(healthLines));
        }
        List<String> lines = new ArrayList<>();
        lines.add(Attempt.HEADER);
        attempts.forEach(a -> lines.add(a.line()));
        Files.write(Path.of(need("out")), lines);
        long closed = sockets.stream().filter(Stomp::closedByServer).count();
        System.err.printf(Locale.ROOT, "load: %d attempts, %d posts acknowledged in %.1f s; %d frames; STOMP sessions "
                + "closed by the server: %d%n", attempts.size(), acknowledged.size(), (stopped - started) / 1000.0,
                frames.size(), closed);
        return 0;
    }

    static Attempt post(String base, String token, int sender, String room, String cmid, int timeout) {
        long t0 = System.currentTimeMillis();
        try {
            Response r = call("POST", base + "/api/rooms/" + room + "/messages", token,
                    Json.obj("content", "fault load " + cmid, "clientMessageId", cmid), timeout);
            long t1 = System.currentTimeMillis();
            String code = "-", id = "-";
            long seq = -1;
            if (r.body.startsWith("{")) {
                Map<String, Object> body = r.json();
                if (body.get("code") != null) {
                    code = str(body.get("code"));
                }
                if (r.status < 300 && body.get("id") != null) {
                    id = str(body.get("id"));
                    seq = ((Number) body.get("seq")).longValue();
                }
            }
            return new Attempt(sender, room, cmid, t0, t1, base, Integer.toString(r.status), code, id, seq);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null && !(e instanceof HttpTimeoutException) ? e.getCause() : e;
            String kind = e instanceof HttpTimeoutException ? "TIMEOUT"
                    : cause instanceof ConnectException || e instanceof ConnectException ? "REFUSED"
                    : "EXC-" + cause.getClass().getSimpleName();
            return new Attempt(sender, room, cmid, t0, System.currentTimeMillis(), base, kind, "-", "-", -1);
        }
    }

    /** Every 500 ms: "startMs node healthHttp healthStatus redisStatus readinessHttp readinessStatus endMs". */
    static void sampleHealth(String node, AtomicBoolean stopping, ConcurrentLinkedQueue<String> out) {
        while (!stopping.get()) {
            long t = System.currentTimeMillis();
            String health = "-\t-\t-", readiness = "-\t-";
            try {
                Response h = call("GET", node + "/actuator/health", null, null, 5);
                Map<String, Object> body = h.json();
                health = h.status + "\t" + body.get("status") + "\t" + Json.path(body, "components.redis.status");
            } catch (Exception e) {
                health = "ERR\t" + e.getClass().getSimpleName() + "\t-";
            }
            try {
                Response r = call("GET", node + "/actuator/health/readiness", null, null, 5);
                readiness = r.status + "\t" + r.json().get("status");
            } catch (Exception e) {
                readiness = "ERR\t" + e.getClass().getSimpleName();
            }
            out.add(t + "\t" + node + "\t" + health + "\t" + readiness + "\t" + System.currentTimeMillis());
            sleep(Math.max(0, 500 - (System.currentTimeMillis() - t)));
        }
    }

    // ------------------------------------------------------------------------------------------------ retry

    static int retry() throws Exception {
        State state = State.read(Path.of(need("state")));
        String base = need("base");
        List<Attempt> attempts = readAttempts(need("posts"));
        Map<String, Attempt> last = new LinkedHashMap<>();
        Set<String> answered = new TreeSet<>();
        for (Attempt a : attempts) {
            last.put(a.cmid, a);
            if (a.ok()) {
                answered.add(a.cmid);
            }
        }
        List<Attempt> unanswered = last.values().stream().filter(a -> !answered.contains(a.cmid)).toList();
        List<String> lines = new ArrayList<>();
        lines.add(Attempt.HEADER);
        // first pass: until each is answered 2xx (201: it had not been stored; 200: it had, and the answer was lost)
        List<Attempt> first = parallel(unanswered.size(), i -> {
            Attempt a = unanswered.get(i);
            User user = state.senders.get(a.sender);
            for (int tries = 0; ; tries++) {
                Attempt r = post(base, user.token, a.sender, a.room, a.cmid, 30);
                synchronized (lines) {
                    lines.add(r.line());
                }
                if (r.ok() || tries >= 20) {
                    return r;
                }
                Thread.sleep(500);
            }
        });
        // second pass: a retry of what is answered must answer 200 with the same message and create nothing
        List<Attempt> second = parallel(unanswered.size(), i -> {
            Attempt a = unanswered.get(i);
            Attempt r = post(base, state.senders.get(a.sender).token, a.sender, a.room, a.cmid, 30);
            synchronized (lines) {
                lines.add(r.line());
            }
            return r;
        });
        Files.write(Path.of(need("out")), lines);
        long created = first.stream().filter(Attempt::created).count();
        long found = first.stream().filter(a -> a.outcome.equals("200")).count();
        long failed = first.stream().filter(a -> !a.ok()).count();
        long secondBad = 0;
        for (int i = 0; i < second.size(); i++) {
            Attempt a = second.get(i), b = first.get(i);
            if (!a.outcome.equals("200") || !a.messageId.equals(b.messageId)) {
                secondBad++;
                System.err.println("retry: second retry of " + a.cmid + " answered " + a.outcome + " " + a.messageId
                        + " after " + b.outcome + " " + b.messageId);
            }
        }
        System.err.printf("retry: %d unanswered posts retried with their clientMessageId: %d created now (201), %d "
                + "found stored (200), %d still not answered; second retry: %d not 200 with the same message%n",
                unanswered.size(), created, found, failed, secondBad);
        return 0;
    }

    // ------------------------------------------------------------------------------------------------ verify

    static int verify() throws Exception {
        State state = State.read(Path.of(need("state")));
        String base = need("base");
        String scenario = need("scenario");
        List<Attempt> attempts = new ArrayList<>();
        for (String file : need("posts").split(",")) {
            attempts.addAll(readAttempts(file));
        }
        Map<String, Long> marks = readMarks();
        List<String> broken = new ArrayList<>();
        Report report = new Report();

        // ---- the answers
        Map<String, List<Attempt>> byCmid = new LinkedHashMap<>();
        attempts.forEach(a -> byCmid.computeIfAbsent(a.cmid, k -> new ArrayList<>()).add(a));
        Map<String, Attempt> firstOk = new LinkedHashMap<>();
        int createdTwice = 0, differentMessage = 0;
        for (var e : byCmid.entrySet()) {
            List<Attempt> oks = e.getValue().stream().filter(Attempt::ok).toList();
            if (!oks.isEmpty()) {
                firstOk.put(e.getKey(), oks.get(0));
            }
            if (oks.stream().filter(Attempt::created).count() > 1) {
                createdTwice++;
            }
            if (oks.stream().map(Attempt::messageId).distinct().count() > 1) {
                differentMessage++;
            }
        }
        long created = attempts.stream().filter(Attempt::created).count();
        long neverAnswered = byCmid.size() - firstOk.size();
        report.put("posts acknowledged", firstOk.size());
        report.put("answered 201", created);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Attempt a : attempts) {
            String key = a.outcome + (a.code.equals("-") ? "" : " " + a.code);
            outcomes.merge(key, 1, Integer::sum);
        }
        long fiveHundreds = attempts.stream().filter(a -> a.outcome.equals("500")).count();
        long timeouts = attempts.stream().filter(a -> a.outcome.equals("TIMEOUT")).count();
        report.put("500s", fiveHundreds);
        report.put("client timeouts", timeouts);
        if (createdTwice > 0) {
            broken.add(createdTwice + " clientMessageIds answered 201 more than once");
        }
        if (differentMessage > 0) {
            broken.add(differentMessage + " clientMessageIds answered with different messages");
        }
        if (fiveHundreds > 0) {
            broken.add(fiveHundreds + " answers 500");
        }

        // ---- the event store
        Psql psql = new Psql(need("psql"));
        String roomList = String.join(",", state.rooms.stream().map(r -> "'" + r + "'").toList());
        Map<String, Long> storedEvents = new HashMap<>();
        int seqProblems = 0;
        for (List<String> row : psql.rows("""
                SELECT aggregate_identifier, count(*), count(DISTINCT sequence_number), min(sequence_number),
                       max(sequence_number),
                       count(*) FILTER (WHERE (convert_from(payload, 'UTF8')::jsonb ->> 'seq')::bigint
                                              IS DISTINCT FROM sequence_number + 1)
                FROM domain_event_entry WHERE aggregate_identifier IN (%s) GROUP BY 1""".formatted(roomList))) {
            long count = Long.parseLong(row.get(1)), distinct = Long.parseLong(row.get(2));
            long min = Long.parseLong(row.get(3)), max = Long.parseLong(row.get(4)), badSeq = Long.parseLong(row.get(5));
            storedEvents.put(row.get(0), count);
            if (count != distinct || min != 0 || max != count - 1 || badSeq != 0) {
                seqProblems++;
                broken.add("room " + row.get(0) + " in the event store: " + count + " events, " + distinct
                        + " distinct sequence numbers " + min + ".." + max + ", " + badSeq + " with seq != number + 1");
            }
        }
        if (storedEvents.size() != state.rooms.size()) {
            broken.add("only " + storedEvents.size() + " of " + state.rooms.size() + " rooms in the event store");
        }
        Map<String, List<String[]>> storedPosts = new HashMap<>(); // cmid -> [room, messageId, senderId]
        for (List<String> row : psql.rows("""
                SELECT p ->> 'clientMessageId', aggregate_identifier, p ->> 'messageId', p ->> 'senderId'
                FROM (SELECT aggregate_identifier, convert_from(payload, 'UTF8')::jsonb AS p FROM domain_event_entry
                      WHERE aggregate_identifier IN (%s)
                        AND payload_type = 'io.eventchat.api.message.MessagePosted') posted""".formatted(roomList))) {
            storedPosts.computeIfAbsent(row.get(0), k -> new ArrayList<>())
                    .add(new String[]{row.get(1), row.get(2), row.get(3)});
        }
        int lost = 0, doubled = 0, wrong = 0;
        for (var e : firstOk.entrySet()) {
            List<String[]> stored = storedPosts.getOrDefault(e.getKey(), List.of());
            if (stored.isEmpty()) {
                lost++;
            } else if (stored.size() > 1) {
                doubled++;
            } else if (!stored.get(0)[1].equals(e.getValue().messageId) || !stored.get(0)[0].equals(e.getValue().room)) {
                wrong++;
            }
        }
        long storedLoad = storedPosts.entrySet().stream().filter(e -> e.getKey().startsWith("f-"))
                .mapToLong(e -> e.getValue().size()).sum();
        long unacknowledgedStored = storedPosts.keySet().stream()
                .filter(c -> c.startsWith("f-") && !firstOk.containsKey(c)).count();
        report.put("lost", lost);
        report.put("doubled", doubled);
        report.put("stored", storedLoad);
        if (lost > 0) {
            broken.add(lost + " posts answered 2xx are not in the event store");
        }
        if (doubled > 0) {
            broken.add(doubled + " posts are stored more than once");
        }
        if (wrong > 0) {
            broken.add(wrong + " posts are stored with another message id or room than answered");
        }
        if (neverAnswered > 0 && !scenario.equals("kill")) {
            // (the kill scenario retries what was never answered and passes the retries here too)
            report.put("never answered", neverAnswered);
        }
        if (unacknowledgedStored > 0) {
            report.put("stored but never acknowledged", unacknowledgedStored);
        }

        // ---- the API, once the projections have caught up
        long caughtUp = System.currentTimeMillis();
        int apiProblems = 0;
        for (String room : state.rooms) {
            long expected = storedEvents.getOrDefault(room, 0L);
            List<Long> seqs = List.of();
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                seqs = pageSeqs(base, state.watcher.token, "/api/rooms/" + room + "/events", "seq");
                if (seqs.size() >= expected) {
                    break;
                }
                Thread.sleep(500);
            }
            boolean contiguous = seqs.size() == expected;
            for (int i = 0; contiguous && i < seqs.size(); i++) {
                contiguous = seqs.get(i) == i + 1;
            }
            if (!contiguous) {
                apiProblems++;
                broken.add("room " + room + " through GET …/events: " + seqs.size() + " frames, expected seq 1.."
                        + expected + " (" + describe(seqs) + ")");
            }
            List<Map<String, Object>> messages = pageItems(base, state.watcher.token,
                    "/api/rooms/" + room + "/messages");
            Map<String, Integer> seen = new HashMap<>();
            for (Map<String, Object> m : messages) {
                seen.merge(str(m.get("id")), 1, Integer::sum);
            }
            long storedHere = storedPosts.values().stream().flatMap(List::stream).filter(p -> p[0].equals(room)).count();
            long missing = firstOk.values().stream().filter(a -> a.room.equals(room))
                    .filter(a -> !seen.containsKey(a.messageId)).count();
            long twice = seen.values().stream().filter(n -> n > 1).count();
            if (missing > 0 || twice > 0 || messages.size() != storedHere) {
                apiProblems++;
                broken.add("room " + room + " through GET …/messages: " + messages.size() + " messages for " + storedHere
                        + " stored, " + missing + " acknowledged ones missing, " + twice + " listed twice");
            }
        }
        report.put("rooms' seq 1..n (store and API)", seqProblems + apiProblems == 0 ? "ok" : "BROKEN");
        report.put("projections caught up in s", secs(System.currentTimeMillis() - caughtUp));

        // ---- the faults' own measures
        switch (scenario) {
            case "kill" -> judgeKill(attempts, marks, report, broken);
            case "pg" -> judgeDatabaseOutage(attempts, marks, report, broken);
            case "redis" -> judgeRedisOutage(attempts, marks, report, broken);
            default -> {
            }
        }
        if (opts.containsKey("frames")) {
            judgeFrames(firstOk, marks, report, broken);
        }
        if (opts.containsKey("health-out")) {
            judgeHealth(scenario, marks, report, broken);
        }
        report.put("answers", outcomes.toString());
        String verdict = broken.isEmpty() ? "PASS" : "FAIL";
        System.out.println("RESULT " + scenario + ": " + report + " — " + verdict);
        broken.forEach(b -> System.out.println("  broken: " + b));
        Files.writeString(Path.of(opt("result-json", "/dev/null")), report.json(scenario, verdict, broken));
        return broken.isEmpty() ? 0 : 1;
    }

    static void judgeKill(List<Attempt> attempts, Map<String, Long> marks, Report report, List<String> broken) {
        long kill = marks.get("kill");
        long healthy = marks.get("healthy");
        report.put("server down s (kill -9 → healthy again)", secs(healthy - kill));
        // the posts the kill left unanswered: never answered 2xx before the restart (in flight at the kill, or
        // refused while the server was down, and kept by their sender to retry)
        long restart = marks.get("restart");
        Set<String> answeredBefore = new TreeSet<>();
        Set<String> unansweredAtKill = new TreeSet<>();
        for (Attempt a : attempts) {
            if (a.ok() && a.start < restart) {
                answeredBefore.add(a.cmid);
            }
        }
        for (Attempt a : attempts) {
            if (a.start < restart && !answeredBefore.contains(a.cmid)) {
                unansweredAtKill.add(a.cmid);
            }
        }
        long retriedCreated = 0, retriedFound = 0;
        Map<String, Attempt> retryAnswer = new HashMap<>();
        for (Attempt a : attempts) {
            if (a.start >= restart && a.ok() && !retryAnswer.containsKey(a.cmid)) {
                retryAnswer.put(a.cmid, a);
            }
        }
        for (Attempt a : retryAnswer.values()) {
            if (a.created()) {
                retriedCreated++;
            } else {
                retriedFound++;
            }
        }
        report.put("unanswered at the kill", unansweredAtKill.size());
        report.put("retried: created now", retriedCreated);
        report.put("retried: already stored (200)", retriedFound);
        long secondNot200 = 0;
        Map<String, List<Attempt>> afterRestart = new HashMap<>();
        attempts.stream().filter(a -> a.start >= restart)
                .forEach(a -> afterRestart.computeIfAbsent(a.cmid, k -> new ArrayList<>()).add(a));
        for (List<Attempt> tries : afterRestart.values()) {
            Attempt last = tries.get(tries.size() - 1);
            if (tries.size() < 2 || !last.outcome.equals("200")) {
                secondNot200++;
            }
        }
        if (secondNot200 > 0) {
            broken.add(secondNot200 + " retried posts did not answer 200 when retried once more");
        }
        long unanswered = afterRestart.keySet().stream()
                .filter(c -> afterRestart.get(c).stream().noneMatch(Attempt::ok)).count();
        if (unanswered > 0) {
            broken.add(unanswered + " retried posts were never answered 2xx after the restart");
        }
        if (retryAnswer.isEmpty()) {
            broken.add("no post was retried after the restart: the kill hit no post in flight");
        }
    }

    static void judgeDatabaseOutage(List<Attempt> attempts, Map<String, Long> marks, Report report,
                                    List<String> broken) {
        long down = marks.get("pg_down"), up = marks.get("pg_up");
        report.put("PostgreSQL down s", secs(up - down));
        List<Attempt> failed = attempts.stream().filter(a -> !a.ok()).toList();
        long fiveOhThree = failed.stream().filter(a -> a.outcome.equals("503")).count();
        long withoutCode = failed.stream().filter(a -> a.outcome.equals("503") && a.code.equals("-")).count();
        long other = failed.stream().filter(a -> !a.outcome.equals("503")).count();
        report.put("503s", fiveOhThree);
        report.put("other failures", other);
        if (withoutCode > 0) {
            broken.add(withoutCode + " answers 503 without a problem code");
        }
        if (other > 0) {
            broken.add(other + " failures other than 503 (" + failed.stream().filter(a -> !a.outcome.equals("503"))
                    .map(a -> a.outcome + " " + a.code).distinct().toList() + ")");
        }
        if (fiveOhThree == 0) {
            broken.add("no 503 during the outage: the fault did not reach the requests");
        }
        long maxFailed = failed.stream().mapToLong(a -> a.end - a.start).max().orElse(0);
        report.put("slowest failed answer ms", maxFailed);
        // unavailability as clients saw it: from the first failure to the first 201 of a post started after it
        long firstFail = failed.stream().mapToLong(Attempt::start).min().orElse(down);
        long back = attempts.stream().filter(a -> a.ok() && a.start > up).mapToLong(Attempt::end).min().orElse(-1);
        if (back < 0) {
            broken.add("no post succeeded after PostgreSQL came back: the server did not recover without a restart");
        } else {
            report.put("unavailable to clients s", secs(back - firstFail));
            report.put("first 201 after PostgreSQL was back s", secs(back - up));
        }
        long okAfter = attempts.stream().filter(a -> a.ok() && a.start > up).count();
        report.put("posts acknowledged after recovery", okAfter);
    }

    static void judgeRedisOutage(List<Attempt> attempts, Map<String, Long> marks, Report report, List<String> broken) {
        long down = marks.get("redis_down"), up = marks.get("redis_up");
        report.put("Redis down s", secs(up - down));
        List<Attempt> during = attempts.stream().filter(a -> a.start >= down && a.end <= up).toList();
        report.put("posts answered during the outage", during.stream().filter(Attempt::ok).count());
        List<Attempt> failed = attempts.stream().filter(a -> !a.ok()).toList();
        if (!failed.isEmpty()) {
            broken.add(failed.size() + " posts not answered 2xx (" + failed.stream().map(a -> a.outcome + " " + a.code)
                    .distinct().toList() + ")");
        }
        if (during.isEmpty()) {
            broken.add("no post during the outage");
        }
        long slowest = during.stream().mapToLong(a -> a.end - a.start).max().orElse(0);
        report.put("slowest post during the outage ms", slowest);
    }

    /** Per watched node: each acknowledged post's frame, its delay after the answer, duplicates, order. */
    static void judgeFrames(Map<String, Attempt> firstOk, Map<String, Long> marks, Report report,
                            List<String> broken) throws IOException {
        List<Received> frames = Files.readAllLines(Path.of(need("frames"))).stream().filter(l -> !l.isBlank())
                .map(Received::parse).toList();
        List<String> nodes = List.of(need("frame-nodes").split(","));
        long maxDelay = num("max-delay-ms", 5000);
        String local = opt("local-node", nodes.get(0));
        Long down = marks.getOrDefault("redis_down", null), up = marks.getOrDefault("redis_up", null);
        for (String node : nodes) {
            String label = node.equals(local) ? "local node" : "other node";
            Map<String, Long> arrived = new HashMap<>();
            Map<String, Integer> copies = new HashMap<>();
            Map<String, Long> lastSeq = new HashMap<>();
            int outOfOrder = 0;
            for (Received f : frames) {
                if (!f.node.equals(node) || f.seq < 0) {
                    continue;
                }
                copies.merge(f.room + "#" + f.seq, 1, Integer::sum);
                long before = lastSeq.getOrDefault(f.room, 0L);
                if (f.seq <= before) {
                    outOfOrder++;
                }
                lastSeq.put(f.room, Math.max(before, f.seq));
                if (f.cmid != null && !f.cmid.equals("null")) {
                    arrived.putIfAbsent(f.cmid, f.at);
                }
            }
            long missing = 0, delayed = 0, maxSeen = 0, duringOutageMax = 0, caughtUpAfter = 0;
            for (Attempt a : firstOk.values()) {
                Long at = arrived.get(a.cmid);
                if (at == null) {
                    missing++;
                    continue;
                }
                long delay = at - a.end;
                maxSeen = Math.max(maxSeen, delay);
                if (delay > maxDelay) {
                    delayed++;
                }
                if (down != null && a.end >= down && a.end <= up) {
                    duringOutageMax = Math.max(duringOutageMax, delay);
                    caughtUpAfter = Math.max(caughtUpAfter, at - up);
                }
            }
            long twice = copies.values().stream().filter(n -> n > 1).count();
            String name = nodes.size() > 1 ? "frames on the " + label : "frames";
            report.put(name, (firstOk.size() - missing) + "/" + firstOk.size() + ", missing " + missing + ", delayed >"
                    + maxDelay + " ms " + delayed + ", max delay ms " + maxSeen + ", twice " + twice
                    + ", out of order " + outOfOrder);
            if (missing > 0) {
                broken.add(missing + " acknowledged posts' frames never reached the watcher on " + node);
            }
            if (twice > 0 || outOfOrder > 0) {
                broken.add("the watcher on " + node + " got " + twice + " frames twice, " + outOfOrder + " out of order");
            }
            if (down != null) {
                if (node.equals(local)) {
                    report.put("local frames during the outage: max delay ms", duringOutageMax);
                    if (duringOutageMax > maxDelay) {
                        broken.add("frames to the local node's sessions were held up during the Redis outage ("
                                + duringOutageMax + " ms)");
                    }
                } else {
                    report.put("other node's outage frames all arrived s after Redis returned", secs(caughtUpAfter));
                    if (caughtUpAfter > 30_000) {
                        broken.add("frames across nodes took " + secs(caughtUpAfter) + " s to resume after Redis");
                    }
                }
            } else if (delayed > 0 && opts.containsKey("strict-delay")) {
                broken.add(delayed + " frames arrived later than " + maxDelay + " ms on " + node);
            }
        }
    }

    static void judgeHealth(String scenario, Map<String, Long> marks, Report report, List<String> broken)
            throws IOException {
        List<String[]> samples = Files.readAllLines(Path.of(need("health-out"))).stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t")).toList();
        if (scenario.equals("redis")) {
            long down = marks.get("redis_down"), up = marks.get("redis_up");
            long restarting = marks.getOrDefault("redis_starting", up);
            long readyNotUp = samples.stream().filter(s -> !"UP".equals(s[6])).count();
            long overallNotUp = samples.stream().filter(s -> !"UP".equals(s[3])).count();
            // Redis is seen as down within a few seconds of its stop (the health check's timeout is 2 s); a sample
            // counts when its requests began after that and ended before Redis was started again
            List<String[]> outage = samples.stream().filter(s -> Long.parseLong(s[0]) >= down + 5000
                    && Long.parseLong(s[7]) < restarting).toList();
            long redisShownDown = outage.stream().filter(s -> !"UP".equals(s[4])).count();
            String shownAs = outage.stream().map(s -> s[4]).filter(s -> !"UP".equals(s)).distinct().toList().toString();
            report.put("health samples", samples.size());
            report.put("Redis shown not UP during the outage", redisShownDown + "/" + outage.size() + " " + shownAs);
            report.put("readiness not UP", readyNotUp);
            report.put("health not UP", overallNotUp);
            if (outage.isEmpty() || redisShownDown != outage.size()) {
                broken.add("health showed Redis UP in " + (outage.size() - redisShownDown) + " of " + outage.size()
                        + " samples while it was down");
            }
            if (readyNotUp > 0) {
                broken.add("readiness was not UP in " + readyNotUp + " samples");
            }
            if (overallNotUp > 0) {
                broken.add("health was not UP in " + overallNotUp + " samples (PostgreSQL decides it)");
            }
            long after = samples.stream().filter(s -> Long.parseLong(s[0]) > up + 10_000 && !"UP".equals(s[4]))
                    .count();
            if (after > 0) {
                broken.add("health still showed Redis not UP " + after + " samples more than 10 s after it returned");
            }
        } else if (scenario.equals("pg")) {
            long down = marks.get("pg_down"), up = marks.get("pg_up");
            long readyDown = samples.stream().filter(s -> Long.parseLong(s[0]) >= down && Long.parseLong(s[0]) < up
                    && !"UP".equals(s[6])).count();
            long last = samples.stream().mapToLong(s -> Long.parseLong(s[0])).max().orElse(0);
            String lastReady = samples.stream().filter(s -> Long.parseLong(s[0]) == last).map(s -> s[6]).findFirst()
                    .orElse("?");
            report.put("readiness DOWN samples during the outage", readyDown);
            if (!"UP".equals(lastReady)) {
                broken.add("readiness was " + lastReady + " at the end, after PostgreSQL returned");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Every item of a cursor-paged list, oldest first (following 'after'). */
    static List<Map<String, Object>> pageItems(String base, String token, String path) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        long after = 0;
        while (true) {
            Response r = call("GET", base + path + "?after=" + after + "&limit=200", token, null, 30);
            if (r.status != 200) {
                throw new IllegalStateException("GET " + path + ": " + r.status + " " + r.body);
            }
            Map<String, Object> page = r.json();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            all.addAll(items);
            if (items.isEmpty() || page.get("nextCursor") == null) {
                return all;
            }
            after = ((Number) page.get("nextCursor")).longValue();
        }
    }

    static List<Long> pageSeqs(String base, String token, String path, String field) throws Exception {
        return pageItems(base, token, path).stream().map(i -> ((Number) i.get(field)).longValue()).toList();
    }

    static String describe(List<Long> seqs) {
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < seqs.size() && problems.size() < 5; i++) {
            long a = seqs.get(i - 1), b = seqs.get(i);
            if (b == a) {
                problems.add("duplicate " + b);
            } else if (b != a + 1) {
                problems.add("gap " + a + "→" + b);
            }
        }
        return problems.isEmpty() ? "first " + (seqs.isEmpty() ? "-" : seqs.get(0)) : String.join(", ", problems);
    }

    static List<Attempt> readAttempts(String files) throws IOException {
        List<Attempt> out = new ArrayList<>();
        for (String file : files.split(",")) {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (!line.isBlank() && !line.startsWith("sender\t")) {
                    out.add(Attempt.parse(line));
                }
            }
        }
        out.sort((a, b) -> Long.compare(a.start, b.start));
        return out;
    }

    static Map<String, Long> readMarks() throws IOException {
        Map<String, Long> marks = new HashMap<>();
        if (opts.containsKey("marks")) {
            for (String line : Files.readAllLines(Path.of(need("marks")))) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2) {
                    marks.put(f[0], Long.parseLong(f[1]));
                }
            }
        }
        return marks;
    }

    static String secs(long ms) {
        return String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    /** The measures of a run, in the order they were taken. */
    static final class Report {
        final Map<String, Object> values = new LinkedHashMap<>();

        void put(String key, Object value) {
            values.put(key, value);
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            values.forEach((k, v) -> parts.add(k + " " + v));
            return String.join("; ", parts);
        }

        String json(String scenario, String verdict, List<String> broken) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("scenario", scenario);
            all.put("verdict", verdict);
            all.putAll(values);
            all.put("broken", broken);
            return Json.write(all) + "\n";
        }
    }

    record Response(int status, String body) {
        Map<String, Object> json() {
            Object parsed = Json.parse(body);
            if (parsed instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) parsed;
                return map;
            }
            return Map.of("items", parsed);
        }

        List<Object> list() {
            Object parsed = Json.parse(body);
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) parsed;
            return list;
        }
    }

    static Response call(String method, String url, String token, Object body, int timeoutSeconds) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(timeoutSeconds));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** psql, one statement at a time, rows of tab-separated fields. */
    record Psql(String conninfo) {
        List<List<String>> rows(String sql) throws Exception {
            Process p = new ProcessBuilder("psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-F", "\t", conninfo,
                    "-c", sql).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("psql failed: " + err + " for " + sql);
            }
            List<List<String>> rows = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    rows.add(List.of(line.split("\t", -1)));
                }
            }
            return rows;
        }

        String one(String sql) throws Exception {
            List<List<String>> rows = rows(sql);
            return rows.isEmpty() ? null : rows.get(0).get(0);
        }
    }

    interface Task<T> {
        T run(int index) throws Exception;
    }

    static <T> List<T> parallel(int count, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(count, 8)), daemon());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.run(index)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String need(String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
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

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    // ------------------------------------------------------------------------------------------------ poison

    /**
     * The poison event: appended straight into the event store (an INSERT into domain_event_entry, past the API and
     * the aggregate's rules), made poisonous by a trigger on the read table that refuses it, as PostgreSQL refused
     * a NUL character: a database error that aborts the projection's transaction. Then: other rooms' messages and
     * frames flow, the poisoned room's later events wait behind it, the dead letters are listed, the projection is
     * degraded in its status, health and metrics, a retry before the fix changes nothing, and after the fix (the
     * trigger dropped) a retry delivers every parked event, in order, frames included.
     */
    static final class Poison {

        static final Pattern GAUGE = Pattern.compile("chat_projection_dead_letters\\{projection=\"rooms\"[^}]*} ([0-9.]+)");
        static final String MARK = "poison-fault:";

        static int run() throws Exception {
            String base = need("base");
            // the node's management port serves /actuator/prometheus without a token (the main port does not serve it)
            String metrics = opt("metrics", base);
            Psql psql = new Psql(need("psql"));
            int roomCount = num("rooms", 4);
            int behind = num("behind", 3);
            int postsPerRoom = num("posts", 20);
            String run = Long.toString(System.currentTimeMillis() % 100_000_000, 36);
            User admin = login(base, opt("admin", "faultadmin:faultadmin-password"));
            User alice = register(base, "pa" + run);
            User watcher = register(base, "pw" + run);
            List<String> rooms = new ArrayList<>();
            for (int i = 0; i < roomCount; i++) {
                rooms.add(createRoom(base, alice.token, "poison room " + i, List.of(watcher.id)));
            }
            String sick = rooms.get(0);
            List<String> broken = new ArrayList<>();
            Report report = new Report();

            ConcurrentLinkedQueue<Received> frames = new ConcurrentLinkedQueue<>();
            Stomp stomp = Stomp.connect(base, watcher.token, frame -> frames.add(new Received(System.currentTimeMillis(),
                    base, str(frame.get("roomId")), frame.get("seq") instanceof Number n ? n.longValue() : -1,
                    str(frame.get("type")), str(Json.path(frame, "data.clientMessageId")))));
            for (int i = 0; i < rooms.size(); i++) {
                stomp.subscribe("r" + i, "/topic/rooms/" + rooms.get(i), awaitReadable(base, watcher.token, rooms.get(i)));
            }
            Thread.sleep(500);

            // the cause: the read side's database refuses this event
            psql.rows("""
                    CREATE OR REPLACE FUNCTION faults_refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.content LIKE '%s%%' THEN RAISE EXCEPTION 'refused by the fault suite'; END IF;
                        RETURN NEW;
                    END $$""".formatted(MARK));
            psql.rows("DROP TRIGGER IF EXISTS faults_refuse_poison ON message");
            psql.rows("CREATE TRIGGER faults_refuse_poison BEFORE INSERT ON message FOR EACH ROW "
                    + "EXECUTE FUNCTION faults_refuse_poison()");

            // the poison, straight into the event store as the room's next event
            String poisonId = java.util.UUID.randomUUID().toString();
            String poisonSeqText = psql.one("""
                    WITH next AS (SELECT max(sequence_number) + 1 AS n FROM domain_event_entry
                                  WHERE aggregate_identifier = '%1$s')
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                    payload, payload_type, payload_revision, time_stamp, meta_data)
                    SELECT '%1$s', n, 'ChatRoom', gen_random_uuid()::text,
                           convert_to(json_build_object('roomId', '%1$s', 'seq', n + 1, 'messageId', '%2$s',
                               'senderId', '%3$s', 'content', '%4$s appended past the API',
                               'clientMessageId', 'poison', 'replyToMessageId', null,
                               'attachments', json_build_array(), 'at', to_char(now() AT TIME ZONE 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text, 'UTF8'),
                           'io.eventchat.api.message.MessagePosted', '2',
                           to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                           convert_to('{"actorId":"%3$s"}', 'UTF8')
                    FROM next RETURNING sequence_number + 1""".formatted(sick, poisonId, alice.id, MARK));
            long poisonSeq = Long.parseLong(poisonSeqText.trim());
            long appended = System.currentTimeMillis();

            // the poisoned room's later events, and the other rooms' load
            List<Attempt> acks = new ArrayList<>();
            for (int i = 0; i < behind; i++) {
                Attempt a = post(base, alice.token, 0, sick, "behind-" + i, 30);
                acks.add(a);
                if (!a.created()) {
                    broken.add("a post behind the poison answered " + a.outcome + " " + a.code);
                }
            }
            List<Attempt> healthy = parallel((rooms.size() - 1) * postsPerRoom, i -> {
                String room = rooms.get(1 + i % (rooms.size() - 1));
                return post(base, alice.token, 1, room, "ok-" + i, 30);
            });
            long otherFailed = healthy.stream().filter(a -> !a.created()).count();
            report.put("other rooms' posts acknowledged", healthy.size() - otherFailed);
            if (otherFailed > 0) {
                broken.add(otherFailed + " posts to the other rooms not answered 201");
            }

            // other rooms flow: every frame arrives, every message is readable
            Map<String, Long> arrived = new HashMap<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                frames.forEach(f -> {
                    if (f.cmid != null) {
                        arrived.putIfAbsent(f.cmid, f.at);
                    }
                });
                if (healthy.stream().allMatch(a -> arrived.containsKey(a.cmid))) {
                    break;
                }
                Thread.sleep(200);
            }
            long missing = healthy.stream().filter(a -> !arrived.containsKey(a.cmid)).count();
            long maxDelay = healthy.stream().filter(a -> arrived.containsKey(a.cmid))
                    .mapToLong(a -> arrived.get(a.cmid) - a.end).max().orElse(-1);
            report.put("other rooms' frames", (healthy.size() - missing) + "/" + healthy.size() + ", max delay ms "
                    + maxDelay);
            if (missing > 0) {
                broken.add(missing + " frames of other rooms did not arrive within 30 s of the poison");
            }
            long unreadable = 0;
            for (Attempt a : healthy) {
                if (call("GET", base + "/api/messages/" + a.messageId, alice.token, null, 10).status != 200) {
                    unreadable++;
                }
            }
            report.put("other rooms' messages unreadable", unreadable);
            if (unreadable > 0) {
                broken.add(unreadable + " messages of other rooms not readable");
            }

            // the poisoned room: the poison and everything behind it parked, in order, with the cause
            List<Map<String, Object>> letters = List.of();
            deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                letters = letters(base, admin.token, sick);
                if (letters.size() >= 1 + behind) {
                    break;
                }
                Thread.sleep(500);
            }
            long parkedAfter = System.currentTimeMillis() - appended;
            report.put("parked", letters.size() + " (the poison and " + behind + " behind it), listed after s "
                    + secs(parkedAfter));
            if (letters.size() != 1 + behind) {
                broken.add("dead letters of the poisoned room: " + letters.size() + ", expected " + (1 + behind));
            } else {
                String cause = str(letters.get(0).get("causeMessage"));
                if (cause == null || !cause.contains("refused by the fault suite")) {
                    broken.add("the first dead letter's cause is " + cause);
                }
                long g0 = ((Number) letters.get(0).get("globalIndex")).longValue();
                for (int i = 1; i < letters.size(); i++) {
                    long gi = ((Number) letters.get(i).get("globalIndex")).longValue();
                    if (gi <= g0) {
                        broken.add("dead letters not in order");
                    }
                    g0 = gi;
                }
                if (letters.stream().anyMatch(l -> !"rooms".equals(l.get("processingGroup")))) {
                    broken.add("a dead letter of another group than rooms: " + letters);
                }
            }
            if (call("GET", base + "/api/messages/" + poisonId, alice.token, null, 10).status != 404) {
                broken.add("the poison message is readable while parked");
            }
            List<String> sickContents = pageItems(base, alice.token, "/api/rooms/" + sick + "/messages").stream()
                    .map(m -> str(m.get("content"))).toList();
            if (sickContents.stream().anyMatch(c -> c.startsWith("fault load behind"))) {
                broken.add("a message behind the poison is readable before it");
            }
            long earlyFrames = frames.stream().filter(f -> f.room.equals(sick) && f.seq >= poisonSeq).count();
            if (earlyFrames > 0) {
                broken.add(earlyFrames + " frames of parked events were pushed");
            }

            // and it shows: projections, health, metrics
            Map<String, Object> rooms0 = projection(base, admin.token, "rooms");
            report.put("projection rooms", rooms0.get("status") + " with " + rooms0.get("deadLetters") + " dead letters");
            if (!"DEGRADED".equals(rooms0.get("status"))
                    || ((Number) rooms0.get("deadLetters")).longValue() < 1 + behind) {
                broken.add("GET /api/admin/projections says rooms " + rooms0.get("status") + ", dead letters "
                        + rooms0.get("deadLetters"));
            }
            Map<String, Object> health = call("GET", base + "/actuator/health", null, null, 10).json();
            Object projectionsHealth = Json.path(health, "components.projections.status");
            report.put("health", health.get("status") + ", projections " + projectionsHealth);
            if (!"UP".equals(health.get("status")) || !"DEGRADED".equals(projectionsHealth)) {
                broken.add("health says " + health.get("status") + ", projections " + projectionsHealth);
            }
            double gauge = -1;
            deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline && gauge < 1 + behind) {
                Matcher m = GAUGE.matcher(call("GET", metrics + "/actuator/prometheus", null, null, 10).body);
                gauge = m.find() ? Double.parseDouble(m.group(1)) : -1;
                if (gauge < 1 + behind) {
                    Thread.sleep(1000);
                }
            }
            report.put("dead-letter gauge", gauge);
            if (gauge < 1 + behind) {
                broken.add("chat_projection_dead_letters{projection=rooms} is " + gauge);
            }

            // a retry before the fix changes nothing
            Map<String, Object> early = call("POST", base + "/api/admin/dead-letters/rooms/retry", admin.token,
                    Map.of(), 30).json();
            long earlyRetried = ((Number) early.get("retried")).longValue();
            if (earlyRetried != 0 || letters(base, admin.token, sick).size() != 1 + behind) {
                broken.add("a retry before the fix retried " + earlyRetried);
            }

            // the fix, then the retry delivers it all, in order, pushed
            psql.rows("DROP TRIGGER IF EXISTS faults_refuse_poison ON message");
            psql.rows("DROP FUNCTION IF EXISTS faults_refuse_poison()");
            long retriedAt = System.currentTimeMillis();
            Map<String, Object> retried = call("POST", base + "/api/admin/dead-letters/rooms/retry", admin.token,
                    Map.of(), 60).json();
            report.put("retry after the fix: retried", retried.get("retried"));
            if (((Number) retried.get("retried")).longValue() != 1 + behind) {
                broken.add("the retry after the fix retried " + retried.get("retried") + ", expected " + (1 + behind));
            }
            if (!letters(base, admin.token, sick).isEmpty()) {
                broken.add("dead letters remain after the retry");
            }
            List<Map<String, Object>> after = pageItems(base, alice.token, "/api/rooms/" + sick + "/messages");
            List<String> contents = after.stream().map(m -> str(m.get("content"))).toList();
            List<String> expected = new ArrayList<>();
            expected.add(MARK + " appended past the API");
            for (int i = 0; i < behind; i++) {
                expected.add("fault load behind-" + i);
            }
            if (!contents.equals(expected)) {
                broken.add("the poisoned room after the retry holds " + contents);
            }
            long lastSeq = poisonSeq + behind;
            deadline = System.currentTimeMillis() + 15_000;
            List<Long> delivered = List.of();
            while (System.currentTimeMillis() < deadline) {
                delivered = frames.stream().filter(f -> f.room.equals(sick) && f.seq >= poisonSeq).map(Received::seq)
                        .toList();
                if (delivered.size() >= 1 + behind) {
                    break;
                }
                Thread.sleep(200);
            }
            List<Long> expectedSeqs = new ArrayList<>();
            for (long s = poisonSeq; s <= lastSeq; s++) {
                expectedSeqs.add(s);
            }
            report.put("frames after the retry", delivered + " in s " + secs(System.currentTimeMillis() - retriedAt));
            if (!delivered.equals(expectedSeqs)) {
                broken.add("frames of the retried events: " + delivered + ", expected " + expectedSeqs);
            }
            List<Long> seqs = pageSeqs(base, alice.token, "/api/rooms/" + sick + "/events", "seq");
            boolean contiguous = seqs.size() == lastSeq;
            for (int i = 0; contiguous && i < seqs.size(); i++) {
                contiguous = seqs.get(i) == i + 1;
            }
            if (!contiguous) {
                broken.add("the poisoned room's events through the API: " + describe(seqs));
            }
            String status = "?";
            deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline && !"RUNNING".equals(status)) {
                status = str(projection(base, admin.token, "rooms").get("status"));
                if (!"RUNNING".equals(status)) {
                    Thread.sleep(500);
                }
            }
            report.put("projection rooms after the retry", status);
            if (!"RUNNING".equals(status)) {
                broken.add("the projection is " + status + " after the retry");
            }
            stomp.close();
            String verdict = broken.isEmpty() ? "PASS" : "FAIL";
            System.out.println("RESULT poison: " + report + " — " + verdict);
            broken.forEach(b -> System.out.println("  broken: " + b));
            Files.writeString(Path.of(opt("result-json", "/dev/null")), report.json("poison", verdict, broken));
            return broken.isEmpty() ? 0 : 1;
        }

        static List<Map<String, Object>> letters(String base, String token, String room) throws Exception {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object o : call("GET", base + "/api/admin/dead-letters", token, null, 10).list()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> letter = (Map<String, Object>) o;
                if (room.equals(letter.get("sequenceId"))) {
                    out.add(letter);
                }
            }
            return out;
        }

        static Map<String, Object> projection(String base, String token, String name) throws Exception {
            for (Object o : call("GET", base + "/api/admin/projections", token, null, 10).list()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = (Map<String, Object>) o;
                if (name.equals(p.get("name"))) {
                    return p;
                }
            }
            throw new IllegalStateException("projection " + name + " not listed");
        }
    }

    // ------------------------------------------------------------------------------------------------ STOMP

    /** A STOMP 1.2 session over the JDK's WebSocket client; MESSAGE bodies are handed over parsed. */
    static final class Stomp implements WebSocket.Listener {
        interface Handler {
            void frame(Map<String, Object> body);
        }

        private final Handler handler;
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Void> connected = new CompletableFuture<>();
        private volatile boolean closing;
        private volatile boolean closedByServer;
        private WebSocket socket;

        private Stomp(Handler handler) {
            this.handler = handler;
        }

        static Stomp connect(String base, String token, Handler handler) throws Exception {
            Stomp stomp = new Stomp(handler);
            stomp.socket = http.newWebSocketBuilder().buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/ws"),
                    stomp).get(20, TimeUnit.SECONDS);
            stomp.socket.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token
                    + "\n\n\0", true).get(20, TimeUnit.SECONDS);
            stomp.connected.get(20, TimeUnit.SECONDS);
            return stomp;
        }

        synchronized void subscribe(String id, String destination, long sinceSeq) throws Exception {
            socket.sendText("SUBSCRIBE\nid:" + id + "\ndestination:" + destination + "\nsince-seq:" + sinceSeq
                    + "\n\n\0", true).get(20, TimeUnit.SECONDS);
        }

        boolean closedByServer() {
            return closedByServer;
        }

        void close() {
            closing = true;
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.startsWith("MESSAGE")) {
                    int body = frame.indexOf("\n\n");
                    int end = frame.lastIndexOf('\0');
                    String json = frame.substring(body + 2, end > body ? end : frame.length());
                    Object parsed = Json.parse(json);
                    if (parsed instanceof Map<?, ?> map) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> m = (Map<String, Object>) map;
                        handler.frame(m);
                    }
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
                closedByServer = true;
                System.err.println("STOMP session closed by the server: " + statusCode + " " + reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!closing) {
                closedByServer = true;
                System.err.println("STOMP session failed: " + error);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ JSON

    /** Just enough JSON: objects (insertion-ordered maps), arrays, strings, numbers (Long or Double), booleans, null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json j = new Json(text);
            j.ws();
            Object v = j.value();
            j.ws();
            if (j.i != text.length()) {
                throw new IllegalArgumentException("trailing characters in JSON at " + j.i);
            }
            return v;
        }

        static Map<String, Object> obj(Object... kv) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int k = 0; k < kv.length; k += 2) {
                m.put((String) kv[k], kv[k + 1]);
            }
            return m;
        }

        /** A dotted path into nested objects, or null. */
        static Object path(Map<String, Object> root, String path) {
            Object v = root;
            for (String key : path.split("\\.")) {
                if (!(v instanceof Map<?, ?> m)) {
                    return null;
                }
                v = m.get(key);
            }
            return v;
        }

        private Object value() {
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String key = string();
                        ws();
                        expect(':');
                        ws();
                        m.put(key, value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[': {
                    i++;
                    List<Object> list = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    while (true) {
                        ws();
                        list.add(value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return list;
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    i += 4;
                    return Boolean.TRUE;
                case 'f':
                    i += 5;
                    return Boolean.FALSE;
                case 'n':
                    i += 4;
                    return null;
                default: {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    String n = s.substring(start, i);
                    if (n.isEmpty()) {
                        throw new IllegalArgumentException("bad JSON at " + start + ": " + s);
                    }
                    return n.contains(".") || n.contains("e") || n.contains("E") ? (Object) Double.parseDouble(n)
                            : (Object) Long.parseLong(n);
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + " in JSON");
            }
            i++;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        static String write(Object v) {
            StringBuilder out = new StringBuilder();
            write(v, out);
            return out.toString();
        }

        private static void write(Object v, StringBuilder out) {
            if (v == null) {
                out.append("null");
            } else if (v instanceof Map<?, ?> m) {
                out.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(String.valueOf(e.getKey()), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            } else if (v instanceof Iterable<?> list) {
                out.append('[');
                boolean first = true;
                for (Object o : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(o, out);
                }
                out.append(']');
            } else if (v instanceof Number || v instanceof Boolean) {
                out.append(v);
            } else {
                out.append('"');
                for (char c : v.toString().toCharArray()) {
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
                out.append('"');
            }
        }
    }
}

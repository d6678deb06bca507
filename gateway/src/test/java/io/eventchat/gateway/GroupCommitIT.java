package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Room commands that arrive together are committed together (GroupCommitCommandBus): each is still decided by its
 * room with the same rules, each room's seq stays gap-free, a refused command does not hold up the others of its
 * group, and a command the database refuses fails alone while the rest of its group is stored.
 */
class GroupCommitIT extends IntegrationTest {

    private static final Pattern GROUPS = Pattern.compile("chat_commands_group_size_max ([0-9.]+)");

    @AfterEach
    void heal() throws Exception {
        TestServices.execute("DROP TRIGGER IF EXISTS refuse_marked ON room_message");
        TestServices.execute("DROP FUNCTION IF EXISTS refuse_marked()");
    }

    @Test
    void concurrentPostsAreCommittedTogetherInOrderAndGapFree() throws Exception {
        int senders = 24;
        int posts = 15;
        List<Api.Session> users = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            users.add(api.register("group_" + i));
        }
        Api.Session owner = users.get(0);
        List<String> rooms = List.of(groupRoom(owner, users.stream().skip(1).map(Api.Session::id)
                .toArray(java.util.UUID[]::new)), groupRoom(owner, users.stream().skip(1).map(Api.Session::id)
                .toArray(java.util.UUID[]::new)), groupRoom(owner));
        Api.Session outsider = api.register("group_outsider");

        ExecutorService pool = Executors.newFixedThreadPool(senders + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                Api.Session sender = users.get(s);
                int index = s;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Integer> statuses = new ArrayList<>();
                    for (int p = 0; p < posts; p++) {
                        String room = rooms.get((index + p) % 2);
                        statuses.add(api.post("/api/rooms/" + room + "/messages",
                                Map.of("content", "m " + index + " " + p, "clientMessageId", "g-" + index + "-" + p),
                                sender.token()).status());
                    }
                    return statuses;
                }));
            }
            // refused commands among them: an outsider posting, over and over
            Future<List<Integer>> refused = pool.submit(() -> {
                start.await();
                List<Integer> statuses = new ArrayList<>();
                for (int p = 0; p < posts; p++) {
                    statuses.add(api.post("/api/rooms/" + rooms.get(p % 2) + "/messages",
                            Map.of("content", "let me in"), outsider.token()).status());
                }
                return statuses;
            });
            start.countDown();
            for (Future<List<Integer>> result : results) {
                assertThat(result.get()).containsOnly(201);
            }
            assertThat(refused.get()).containsOnly(403);
        } finally {
            pool.shutdownNow();
        }
        long total = (long) senders * posts;
        for (String room : rooms.subList(0, 2)) {
            List<List<Object>> seqs = TestServices.rows("""
                    SELECT sequence_number, (convert_from(payload, 'UTF8')::jsonb ->> 'seq')::bigint
                    FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", room);
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(((Number) seqs.get(i).get(0)).longValue()).as("sequence number").isEqualTo(i);
                assertThat(((Number) seqs.get(i).get(1)).longValue()).as("seq").isEqualTo(i + 1);
            }
        }
        assertThat(TestServices.count("""
                SELECT count(*) FROM domain_event_entry
                WHERE payload_type = 'io.eventchat.api.message.MessagePosted' AND aggregate_identifier IN (?, ?)""",
                rooms.get(0), rooms.get(1))).isEqualTo(total);
        Matcher largest = GROUPS.matcher(management.get("/actuator/prometheus", null).body());
        assertThat(largest.find()).isTrue();
        assertThat(Double.parseDouble(largest.group(1))).as("the largest group").isGreaterThan(1);
    }

    @Test
    void aCommandTheDatabaseRefusesFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        Api.Session owner = api.register("group_db");
        String room = groupRoom(owner);
        String other = groupRoom(owner);
        TestServices.execute("""
                CREATE FUNCTION refuse_marked() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.room_id = '%s' THEN RAISE EXCEPTION 'refused by the database'; END IF;
                    RETURN NEW;
                END $$""".formatted(room));
        TestServices.execute("CREATE TRIGGER refuse_marked BEFORE INSERT ON room_message FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_marked()");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> fine = new ArrayList<>();
            List<Future<Integer>> refused = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                fine.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/rooms/" + other + "/messages", Map.of("content", "fine " + n),
                            owner.token()).status();
                }));
                refused.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/rooms/" + room + "/messages", Map.of("content", "refused " + n),
                            owner.token()).status();
                }));
            }
            start.countDown();
            for (Future<Integer> status : fine) {
                assertThat(status.get()).isEqualTo(201);
            }
            for (Future<Integer> status : refused) {
                assertThat(status.get()).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
        // nothing half-stored: none of the refused posts' events, every one of the others'
        assertThat(TestServices.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'io.eventchat.api.message.MessagePosted'", room)).isZero();
        assertThat(TestServices.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'io.eventchat.api.message.MessagePosted'", other)).isEqualTo(8);
        heal();
        assertThat(api.post("/api/rooms/" + room + "/messages", Map.of("content", "after the fix"), owner.token())
                .json().path("seq").asLong()).as("the room's seq goes on without a gap").isEqualTo(3);
    }
}

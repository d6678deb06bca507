package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.EventStoreWriter;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.StompClient;
import io.eventchat.gateway.support.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event no projection can store, appended straight into the event store past the API's validation: it is parked
 * alone in the dead-letter queue, every other room's messages and frames flow on within seconds, the events behind it
 * in its room wait for it in order, and it shows in the dead-letter list, the projection's status, health and metrics
 * until a retry after the fix applies it. The failure is a database error, which aborts PostgreSQL's transaction: the
 * batch it came in could not even record the dead letter before.
 */
class PoisonEventIT extends IntegrationTest {

    private static final Pattern DEAD_LETTER_GAUGE =
            Pattern.compile("chat_projection_dead_letters\\{projection=\"rooms\"[^}]*} ([0-9.]+)");

    @AfterEach
    void heal() throws Exception {
        TestServices.execute("DROP TRIGGER IF EXISTS refuse_poison ON message");
        TestServices.execute("DROP FUNCTION IF EXISTS refuse_poison()");
    }

    @Test
    void aDatabaseErrorParksExactlyThatEventWhileOtherRoomsFlowAndTheRetryAppliesItOnceFixed() throws Exception {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session alice = api.register("poisoned");
        String sick = groupRoom(alice);
        String healthy = groupRoom(alice);
        // a fault the database raises for one message: it aborts the transaction, as a NUL character did
        TestServices.execute("""
                CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.content LIKE 'poison-db:%' THEN RAISE EXCEPTION 'refused by the database'; END IF;
                    RETURN NEW;
                END $$""");
        TestServices.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON message FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_poison()");

        try (StompClient socket = StompClient.connect(port, alice.token())) {
            BlockingQueue<JsonNode> sickFrames = socket.subscribe("/topic/rooms/" + sick, null);
            BlockingQueue<JsonNode> healthyFrames = socket.subscribe("/topic/rooms/" + healthy, null);
            Thread.sleep(500); // let the server register the subscriptions

            UUID poison = EventStoreWriter.appendMessagePosted(sick, alice.id(), "poison-db: nobody can store me");
            long behind = post(alice, sick, "waiting behind the poison").path("seq").asLong();
            long poisonSeq = behind - 1;

            // every other room flows on, frames included. A room whose events share the poison's segment waits out
            // one failed batch: the segment is released for a back-off of 1 s and claimed again (about 2 s)
            for (int i = 0; i < 3; i++) {
                JsonNode fine = post(alice, healthy, "fine " + i);
                JsonNode frame = StompClient.next(healthyFrames, Duration.ofSeconds(10));
                assertThat(frame.path("seq").asLong()).isEqualTo(fine.path("seq").asLong());
                assertThat(api.get("/api/messages/" + fine.path("id").asString(), alice.token()).status())
                        .isEqualTo(200);
            }

            // the poison and the event behind it are parked, in order, with the cause
            List<JsonNode> parked = eventually(() -> letters(admin, sick), letters -> letters.size() == 2);
            assertThat(parked).allSatisfy(letter -> {
                assertThat(letter.path("processingGroup").asString()).isEqualTo("rooms");
                assertThat(letter.path("eventType").asString()).isEqualTo("MessagePosted");
            });
            assertThat(parked.get(0).path("causeMessage").asString()).contains("refused by the database");
            assertThat(parked.get(0).path("globalIndex").asLong())
                    .isLessThan(parked.get(1).path("globalIndex").asLong());
            assertThat(api.get("/api/messages/" + poison, alice.token()).status()).isEqualTo(404);
            assertThat(contents(alice, sick)).doesNotContain("waiting behind the poison");
            assertThat(sickFrames.poll(500, TimeUnit.MILLISECONDS)).as("no frame of a parked event").isNull();

            // ... and it shows: the projection degraded, in health and in the metrics
            JsonNode rooms = projection(admin, "rooms");
            assertThat(rooms.path("status").asString()).isEqualTo("DEGRADED");
            assertThat(rooms.path("deadLetters").asLong()).isGreaterThanOrEqualTo(2);
            JsonNode health = api.get("/actuator/health", null).json();
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.path("components").path("projections").path("status").asString()).isEqualTo("DEGRADED");
            assertThat(eventually(() -> deadLetterGauge(), value -> value >= 2)).isGreaterThanOrEqualTo(2);

            // a retry before the fix changes nothing; after it, both are applied, in order, and pushed
            JsonNode early = api.post("/api/admin/dead-letters/rooms/retry", Map.of(), admin.token()).json();
            assertThat(early.path("retried").asLong()).isZero();
            assertThat(letters(admin, sick)).hasSize(2);
            heal();
            JsonNode retried = api.post("/api/admin/dead-letters/rooms/retry", Map.of(), admin.token()).json();
            assertThat(retried.path("retried").asLong()).isEqualTo(2);
            assertThat(letters(admin, sick)).isEmpty();
            assertThat(contents(alice, sick)).containsSubsequence("poison-db: nobody can store me",
                    "waiting behind the poison");
            assertThat(StompClient.next(sickFrames).path("seq").asLong()).isEqualTo(poisonSeq);
            assertThat(StompClient.next(sickFrames).path("seq").asLong()).isEqualTo(behind);
            assertThat(eventually(() -> projection(admin, "rooms").path("status").asString(),
                    "RUNNING"::equals)).isEqualTo("RUNNING");
        }
    }

    @Test
    void aNulCharacterWrittenPastTheApiIsParkedAndHoldsUpNothingElse() throws Exception {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session alice = api.register("nul_writer");
        String sick = groupRoom(alice);
        String healthy = groupRoom(alice);
        try {
            EventStoreWriter.appendMessagePosted(sick, alice.id(), "a\u0000b");
            long behind = post(alice, sick, "after the NUL").path("seq").asLong();
            JsonNode fine = post(alice, healthy, "still flowing");
            eventually(() -> api.get("/api/messages/" + fine.path("id").asString(), alice.token()).status(),
                    status -> status == 200);
            List<JsonNode> parked = eventually(() -> letters(admin, sick), letters -> letters.size() == 2);
            // PostgreSQL refuses U+0000 in text ("0x00") and in jsonb ("\u0000"), whichever statement meets it first
            assertThat(parked.get(0).path("causeMessage").asString()).containsAnyOf("0x00", "\\u0000");
            assertThat(contents(alice, sick)).doesNotContain("after the NUL");
            assertThat(behind).isPositive();
        } finally {
            // nothing can store this event, and the suite's other tests replay and rebuild this store: the test takes
            // the event and its letter away again (by hand, as only a test may) and retries the event behind it, so
            // that the read model is what a replay of the store gives
            TestServices.execute("DELETE FROM domain_event_entry WHERE aggregate_identifier = '" + sick + "' AND "
                    + "strpos(convert_from(payload, 'UTF8'), 'a\\u0000b') > 0");
            TestServices.execute("DELETE FROM dead_letter_entry WHERE sequence_identifier = '" + sick + "' AND "
                    + "sequence_index = (SELECT min(sequence_index) FROM dead_letter_entry "
                    + "WHERE sequence_identifier = '" + sick + "')");
            api.post("/api/admin/dead-letters/rooms/retry", Map.of(), admin.token());
            assertThat(letters(admin, sick)).isEmpty();
            assertThat(contents(alice, sick)).contains("after the NUL");
        }
    }

    private List<JsonNode> letters(Api.Session admin, String roomId) {
        return StreamSupport.stream(api.get("/api/admin/dead-letters", admin.token()).json().spliterator(), false)
                .filter(letter -> roomId.equals(letter.path("sequenceId").asString()))
                .toList();
    }

    private List<String> contents(Api.Session user, String roomId) {
        return StreamSupport.stream(api.get("/api/rooms/" + roomId + "/messages", user.token()).json().path("items")
                        .spliterator(), false).map(m -> m.path("content").asString()).toList();
    }

    private JsonNode projection(Api.Session admin, String name) {
        for (JsonNode projection : api.get("/api/admin/projections", admin.token()).json()) {
            if (name.equals(projection.path("name").asString())) {
                return projection;
            }
        }
        throw new AssertionError("projection " + name + " not listed");
    }

    private double deadLetterGauge() {
        Matcher gauge = DEAD_LETTER_GAUGE.matcher(management.get("/actuator/prometheus", null).body());
        return gauge.find() ? Double.parseDouble(gauge.group(1)) : -1;
    }
}

package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.Node;
import io.eventchat.gateway.support.StompClient;
import io.eventchat.gateway.support.TestServices;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.eventchat.gateway.support.Api.passwordOf;
import static io.eventchat.gateway.support.StompClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one PostgreSQL and one Redis: this test's application (node A) and a second one (node B). Pushes
 * cross nodes through Redis exactly once, the projections' segments are split between the nodes, not doubled, and a
 * room cached on one node never decides against what the other node wrote. Node B is started once for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesIT extends IntegrationTest {

    private ConfigurableApplicationContext nodeB;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    @Qualifier("chatRoomCache")
    private Cache roomCache;

    @BeforeAll
    void startNodeB() {
        nodeB = Node.start(TestServices.DB_URL, "--chat.jwt.secret=" + JWT_SECRET,
                "--chat.rate-limit.registrations-per-client.capacity=100000");
    }

    @AfterAll
    void stopNodeBAndTakeItsSegmentsBack() {
        nodeB.close();
        // node B is gone: let this node take every segment again before the next test class relies on its projections
        StreamingEventProcessor messages = processing.eventProcessor("rooms", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> messages.processingStatus().size() == 4);
    }

    @Test
    void aPostOnOneNodeReachesASubscriberOnTheOtherOnceAndEveryRowExistsOnce() throws Exception {
        Api.Session alice = api.register("node_a");
        Api.Session bob = api.register("node_b");
        String roomId = groupRoom(alice, bob.id());

        // hand half of node A's segments of the rooms projection over to node B
        StreamingEventProcessor messages = processing.eventProcessor("rooms", StreamingEventProcessor.class)
                .orElseThrow();
        List<Integer> released = messages.processingStatus().keySet().stream().sorted().limit(2).toList();
        released.forEach(messages::releaseSegment);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(owners("rooms")).as("owners of the rooms segments").hasSize(2));

        try (StompClient bobOnB = StompClient.connect(Node.port(nodeB), bob.token())) {
            BlockingQueue<JsonNode> frames = bobOnB.subscribe("/topic/rooms/" + roomId, 3L);
            Thread.sleep(1000); // let the server register the subscriptions
            assertThat(bobOnB.errors()).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> nodeB.getBean("pushListener",
                    org.springframework.data.redis.listener.RedisMessageListenerContainer.class).isRunning());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Api poster = i % 2 == 0 ? api : Node.api(nodeB);
                ids.add(poster.post("/api/rooms/" + roomId + "/messages", java.util.Map.of("content", "hop " + i),
                        alice.token()).json().path("id").asString());
            }
            List<JsonNode> received = next(frames, 10);
            assertThat(received).extracting(f -> f.path("data").path("content").asString())
                    .containsExactly("hop 0", "hop 1", "hop 2", "hop 3", "hop 4", "hop 5", "hop 6", "hop 7",
                            "hop 8", "hop 9");
            assertThat(frames.poll(1, TimeUnit.SECONDS)).as("no frame twice").isNull();
            eventually(() -> api.get("/api/rooms/" + roomId + "/messages", bob.token()),
                    r -> r.json().path("items").size() == 10);
            assertThat(TestServices.count("SELECT count(*) FROM room_frame WHERE room_id = '" + roomId + "'")).isEqualTo(13);
            assertThat(TestServices.count("SELECT count(DISTINCT seq) FROM room_frame WHERE room_id = '" + roomId + "'"))
                    .isEqualTo(13);
        }
    }

    private static List<Object> owners(String processor) throws Exception {
        return TestServices.rows("SELECT DISTINCT owner FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL",
                processor).stream().map(row -> row.get(0)).toList();
    }

    /**
     * Revocation has no window on the other node either: a removal or a deactivation made on node A is in force on
     * node B for the very next request, although B had answered (and cached) the same reads a moment before, and B's
     * sessions of the user receive nothing of what follows.
     */
    @Test
    void accessTakenAwayOnOneNodeIsGoneOnTheOtherAtOnce() throws Exception {
        Api onB = Node.api(nodeB);
        Api.Session owner = api.register("rev2_owner");
        for (int round = 0; round < 8; round++) {
            Api.Session bob = api.register("rev2_bob");
            String roomId = groupRoom(owner, bob.id());
            try (StompClient bobOnB = StompClient.connect(Node.port(nodeB), bob.token())) {
                BlockingQueue<JsonNode> frames = bobOnB.subscribe("/topic/rooms/" + roomId, 0L);
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        onB.get("/api/rooms/" + roomId + "/messages", bob.token()).status() == 200);
                assertThat(onB.get("/api/rooms/" + roomId + "/messages/recent", bob.token()).status()).isEqualTo(200);

                if (round % 2 == 0) {
                    assertThat(api.request("DELETE", "/api/rooms/" + roomId + "/participants/" + bob.id(),
                            owner.token()).status()).isEqualTo(204);
                    assertThat(onB.get("/api/rooms/" + roomId + "/messages", bob.token()).status()).isEqualTo(403);
                    assertThat(onB.get("/api/rooms/" + roomId + "/messages/recent", bob.token()).status())
                            .isEqualTo(403);
                } else {
                    assertThat(api.request("DELETE", "/api/users/me", bob.token()).status()).isEqualTo(204);
                    Api.Response next = onB.get("/api/rooms/" + roomId + "/messages", bob.token());
                    assertThat(next.status()).isEqualTo(403);
                    assertThat(next.code()).isEqualTo("ACCOUNT_DEACTIVATED");
                }
                post(owner, roomId, "after " + round);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                for (JsonNode frame; (frame = frames.poll(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS)) != null; ) {
                    assertThat(frame.path("data").path("content").asString("")).isNotEqualTo("after " + round);
                }
            }
        }
    }

    @Test
    void aLogoutOnOneNodeEndsTheLoginOnTheOtherAtOnce() throws Exception {
        Api onB = Node.api(nodeB);
        for (int round = 0; round < 4; round++) {
            Api.Session user = api.register("leaver2");
            Api.Session otherLogin = api.session(user.username(), passwordOf(user.username()));
            assertThat(onB.get("/api/users/me", user.token()).status()).isEqualTo(200); // node B has verified it
            try (StompClient socketOnB = StompClient.connect(Node.port(nodeB), user.token())) {
                assertThat(api.post("/api/auth/logout", Map.of("refreshToken", user.refreshToken()), user.token())
                        .status()).isEqualTo(204);
                Api.Response onBAfter = onB.get("/api/users/me", user.token());
                assertThat(onBAfter.status()).isEqualTo(401);
                assertThat(onBAfter.code()).isEqualTo("LOGIN_ENDED");
                assertThat(socketOnB.awaitClosed(Duration.ofSeconds(5))).as("the login's socket on node B").isTrue();
                assertThat(onB.get("/api/users/me", otherLogin.token()).status()).isEqualTo(200);
            }
            BlockingQueue<String> errors = new LinkedBlockingQueue<>();
            assertThatThrownBy(() -> StompClient.connect(Node.port(nodeB), user.token(), errors)).isNotNull();
            assertThat(errors).anyMatch(error -> error.contains("LOGIN_ENDED"));
        }
    }

    @Test
    void aRoomCachedOnOneNodeDecidesOnWhatTheOtherNodeWroteMeanwhile() throws Exception {
        Api onB = Node.api(nodeB);
        Api.Session owner = api.register("cache_owner");
        Api.Session late = api.register("cache_late");
        String roomId = groupRoom(owner);
        post(owner, roomId, "cached here");
        // Node A (this application) holds the room in its cache from before; the test keeps a strong reference
        // to the entry so that the weakly referencing cache cannot drop it on a garbage collection.
        Object cachedOnA = roomCache.get(roomId);
        assertThat(cachedOnA).as("the room is in node A's cache").isNotNull();

        assertThat(onB.post("/api/rooms/" + roomId + "/participants", Map.of("userId", late.id()), owner.token())
                .status()).isEqualTo(201);
        // the cached copy does not know the new participant; the command must not be refused on its word
        Api.Response posted = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "I am in now"),
                late.token());
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().path("seq").asLong()).isEqualTo(5);

        Object cachedAgain = roomCache.get(roomId);
        assertThat(cachedAgain).as("the room is in node A's cache again").isNotNull();
        long seqOnB = onB.post("/api/rooms/" + roomId + "/messages", Map.of("content", "written on B"),
                owner.token()).json().path("seq").asLong();
        assertThat(seqOnB).isEqualTo(6);
        // a receipt up to a seq the cached copy has not seen yet
        Api.Response receipt = api.post("/api/rooms/" + roomId + "/read", Map.of("upToSeq", seqOnB),
                late.token());
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(204);
        assertThat(TestServices.rows("""
                SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'seq')::bigint FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number""", roomId))
                .as("every event once, seqs gap-free").extracting(row -> row.get(0))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        java.lang.ref.Reference.reachabilityFence(cachedOnA);
        java.lang.ref.Reference.reachabilityFence(cachedAgain);
    }
}

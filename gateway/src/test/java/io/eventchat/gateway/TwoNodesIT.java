package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.Node;
import io.eventchat.gateway.support.StompClient;
import io.eventchat.gateway.support.TestServices;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.eventchat.gateway.support.StompClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one PostgreSQL and one Redis: this test's application (node A) and a second one (node B). Pushes
 * cross nodes through Redis exactly once, and the projections' segments are split between the nodes, not doubled.
 */
class TwoNodesIT extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @AfterEach
    void segmentsBackToThisNode() {
        // node B is gone: let this node take every segment again before the next test relies on its projections
        StreamingEventProcessor messages = processing.eventProcessor("messages", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> messages.processingStatus().size() == 8);
    }

    @Test
    void aPostOnOneNodeReachesASubscriberOnTheOtherOnceAndEveryRowExistsOnce() throws Exception {
        try (ConfigurableApplicationContext nodeB = Node.start(TestServices.DB_URL, "--chat.jwt.secret=" + JWT_SECRET,
                "--chat.rate-limit.registrations-per-client.capacity=100000")) {
            Api.Session alice = api.register("node_a");
            Api.Session bob = api.register("node_b");
            String roomId = groupRoom(alice, bob.id());

            // hand half of node A's segments of the messages projection over to node B
            StreamingEventProcessor messages = processing.eventProcessor("messages", StreamingEventProcessor.class)
                    .orElseThrow();
            List<Integer> released = messages.processingStatus().keySet().stream().sorted().limit(4).toList();
            released.forEach(messages::releaseSegment);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(owners("messages")).as("owners of the messages segments").hasSize(2));

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
    }

    private static List<Object> owners(String processor) throws Exception {
        return TestServices.rows("SELECT DISTINCT owner FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL",
                processor).stream().map(row -> row.get(0)).toList();
    }
}

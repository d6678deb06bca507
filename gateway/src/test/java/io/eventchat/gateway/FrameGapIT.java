package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.Node;
import io.eventchat.gateway.support.StompClient;
import io.eventchat.gateway.support.TestServices;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.stream.LongStream;

import static io.eventchat.gateway.support.StompClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session that missed more than a page (200) of its room's frames, as one does on a node that cannot hear Redis for
 * a while, gets every one of them, in order, with the next frame it hears: node B publishes every room frame, and this
 * node (A) stops listening to Redis while 250 messages are posted. bench/faults/redis.sh found such a gap filled with
 * its first page only, the rest of the frames never arriving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrameGapIT extends IntegrationTest {

    private static final int MISSED = 250;
    private static final int SENDERS = 10;

    private ConfigurableApplicationContext nodeB;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    @Qualifier("pushListener")
    private RedisMessageListenerContainer listener;

    @BeforeAll
    void startNodeB() {
        nodeB = Node.start(TestServices.DB_URL, "--chat.jwt.secret=" + JWT_SECRET,
                "--chat.rate-limit.registrations-per-client.capacity=100000");
    }

    @AfterAll
    void stopNodeBAndTakeItsSegmentsBack() {
        nodeB.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> rooms(processing).processingStatus().size() == 4);
    }

    @Test
    void aSessionThatMissedMoreThanAPageOfFramesGetsEveryOneInOrderWithTheNextFrame() throws Exception {
        Api.Session alice = api.register("gap_owner");
        List<Api.Session> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(api.register("gap_sender"));
        }
        String roomId = groupRoom(alice, senders.stream().map(Api.Session::id).toArray(UUID[]::new));
        StreamingEventProcessor rooms = rooms(processing);
        // node B takes every segment of the rooms projection: this node's sessions get the room's frames from Redis
        rooms.shutDown();
        try {
            StreamingEventProcessor roomsOnB = rooms(nodeB.getBean(EventProcessingConfiguration.class));
            await().atMost(Duration.ofSeconds(30)).until(() -> roomsOnB.processingStatus().size() == 4);
            long since = eventually(() -> api.get("/api/rooms/" + roomId, alice.token()).json().path("lastSeq").asLong(),
                    seq -> seq > 0);
            try (StompClient socket = StompClient.connect(port, alice.token())) {
                BlockingQueue<JsonNode> frames = socket.subscribe("/topic/rooms/" + roomId, since);
                Thread.sleep(500); // let the server register the subscription
                long heard = post(alice, roomId, "heard").path("seq").asLong();
                assertThat(next(frames).path("seq").asLong()).isEqualTo(heard);

                listener.stop(); // this node hears nothing from Redis now, as while Redis is away
                for (int i = 0; i < MISSED; i++) {
                    post(senders.get(i % SENDERS), roomId, "missed " + i);
                }
                listener.start();
                await().atMost(Duration.ofSeconds(10)).until(listener::isRunning);
                Thread.sleep(1000); // subscribed to the channel again
                long last = post(alice, roomId, "heard again").path("seq").asLong();

                List<JsonNode> received = next(frames, MISSED + 1);
                assertThat(received).extracting(frame -> frame.path("seq").asLong())
                        .containsExactlyElementsOf(LongStream.rangeClosed(heard + 1, last).boxed().toList());
                assertThat(received.get(MISSED).path("data").path("content").asString()).isEqualTo("heard again");
            }
        } finally {
            if (!listener.isRunning()) {
                listener.start();
            }
            rooms.start();
        }
    }

    private static StreamingEventProcessor rooms(EventProcessingConfiguration processing) {
        return processing.eventProcessor("rooms", StreamingEventProcessor.class).orElseThrow();
    }
}

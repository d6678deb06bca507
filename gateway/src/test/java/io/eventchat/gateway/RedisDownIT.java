package io.eventchat.gateway;

import io.eventchat.ChatApplication;
import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.StompClient;
import io.eventchat.gateway.support.TestServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Redis unreachable the chat keeps working from PostgreSQL, frames reach the sessions connected to the node
 * that wrote them, and health says so without going down (readiness stays UP).
 */
@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.jwt.secret=" + IntegrationTest.JWT_SECRET,
                "chat.rate-limit.registrations-per-client.capacity=100000",
                "spring.datasource.hikari.maximum-pool-size=6", "chat.commands.max-concurrent=3"})
@DirtiesContext
class RedisDownIT {

    @LocalServerPort
    private int port;
    private Api api;

    /**
     * A database of its own: the suite's other applications stay alive on the shared one and would take over its
     * projections' segments, publishing this node's frames through the Redis they can reach.
     */
    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        TestServices.register(registry);
        TestServices.execute("DROP DATABASE IF EXISTS chat_it_noredis WITH (FORCE)");
        registry.add("spring.datasource.url", () -> TestServices.urlOf("chat_it_noredis"));
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:1");
    }

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void healthIsUpWithRedisDegraded() {
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("redis").path("status").asString()).isEqualTo("DEGRADED");
    }

    @Test
    void readinessStaysUp() {
        Api.Response readiness = api.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void framesReachThisNodesSessionsWithoutRedis() throws Exception {
        Api.Session user = api.register("noredis_push");
        String roomId = api.post("/api/rooms", Map.of("type", "GROUP"), user.token()).json().path("id").asString();
        try (StompClient socket = StompClient.connect(port, user.token())) {
            BlockingQueue<JsonNode> frames = socket.subscribe("/topic/rooms/" + roomId, null);
            Thread.sleep(500); // let the server register the subscription
            for (int i = 1; i <= 3; i++) {
                long seq = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "local " + i),
                        user.token()).json().path("seq").asLong();
                JsonNode frame = StompClient.next(frames);
                assertThat(frame.path("seq").asLong()).isEqualTo(seq);
                assertThat(frame.path("data").path("content").asString()).isEqualTo("local " + i);
            }
        }
    }

    @Test
    void recentMessagesAreServedFromPostgres() {
        Api.Session user = api.register("noredis");
        String roomId = api.post("/api/rooms", Map.of("type", "GROUP"), user.token()).json().path("id").asString();
        for (int i = 1; i <= 3; i++) {
            assertThat(api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "offline cache " + i),
                    user.token()).status()).isEqualTo(201);
        }
        String recent = "/api/rooms/" + roomId + "/messages/recent";
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(recent, user.token()).json().path("items").size() == 3);
        Api.Response page = api.get(recent, user.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("items").get(2).path("content").asString()).isEqualTo("offline cache 3");
    }
}

package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.Node;
import io.eventchat.gateway.support.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What was written before a restart is all there after it; start-up data is created once, however many start. */
class RestartIT {

    private static final String SECRET = "restart-test-secret-of-at-least-32-bytes!";

    private static ConfigurableApplicationContext start(String databaseUrl) {
        return Node.start(databaseUrl, "--chat.jwt.secret=" + SECRET);
    }

    private static Api api(ConfigurableApplicationContext context) {
        return Node.api(context);
    }

    @Test
    void dataSurvivesARestart() {
        Api.Session user;
        String roomId;
        try (ConfigurableApplicationContext first = start(TestServices.DB_URL)) {
            Api api = api(first);
            user = api.register("survivor");
            roomId = api.post("/api/rooms", Map.of("type", "GROUP", "name", "before"), user.token())
                    .json().path("id").asString();
            for (int i = 1; i <= 3; i++) {
                assertThat(api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "before restart " + i),
                        user.token()).status()).isEqualTo(201);
            }
        }

        try (ConfigurableApplicationContext second = start(TestServices.DB_URL)) {
            Api api = api(second);
            Api.Response login = api.login(user.username(), Api.passwordOf(user.username()));
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.json().path("user").path("id").asString()).isEqualTo(user.id().toString());
            assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken()), null).status())
                    .isEqualTo(200);

            String path = "/api/rooms/" + roomId + "/messages";
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.get(path, user.token()).json().path("items").size() == 3);
            Api.Response page = api.get(path, user.token());
            assertThat(page.json().path("items").get(0).path("content").asString()).isEqualTo("before restart 1");
            assertThat(page.json().path("items").get(2).path("seq").asLong()).isEqualTo(5);

            Api.Response after = api.post(path, Map.of("content", "after restart"), user.token());
            assertThat(after.status()).isEqualTo(201);
            assertThat(after.json().path("seq").asLong()).isEqualTo(6);
        }
    }

    @Test
    void twoNodesStartingAtOnceOnAnEmptyDatabaseSeedTheDefaultDataOnce() throws Exception {
        String database = "chat_it_race";
        TestServices.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        String url = TestServices.urlOf(database);
        CompletableFuture<ConfigurableApplicationContext> nodeA = CompletableFuture.supplyAsync(() -> start(url));
        CompletableFuture<ConfigurableApplicationContext> nodeB = CompletableFuture.supplyAsync(() -> start(url));
        try (ConfigurableApplicationContext a = nodeA.join(); ConfigurableApplicationContext b = nodeB.join();
             ConfigurableApplicationContext again = start(url)) {
            UUID room = UUID.nameUUIDFromBytes("eventchat:room:Bienvenida".getBytes(StandardCharsets.UTF_8));
            {
                assertThat(TestServices.countIn(url, "SELECT count(*) FROM user_account WHERE username IN ('WelcomeBot', 'TestUser')"))
                        .isEqualTo(2);
                assertThat(TestServices.countIn(url, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '"
                        + room + "' AND payload_type = 'io.eventchat.api.message.MessagePosted'")).isEqualTo(1);
                assertThat(TestServices.countIn(url, "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '"
                        + room + "' AND payload_type = 'io.eventchat.api.room.RoomCreated'")).isEqualTo(1);
            }
            Api api = api(b);
            Api.Session testUser = api.session("TestUser", "pass1234");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    api.get("/api/rooms/" + room + "/messages", testUser.token()).json().path("items").size() == 1);
            Api.Response welcome = api.get("/api/rooms/" + room + "/messages", testUser.token());
            assertThat(welcome.json().path("items").get(0).path("senderUsername").asString()).isEqualTo("WelcomeBot");
            assertThat(welcome.json().path("items").get(0).path("seq").asLong()).isEqualTo(4);
        }
    }
}

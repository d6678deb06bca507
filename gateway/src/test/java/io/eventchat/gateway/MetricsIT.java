package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.StompClient;
import io.eventchat.gateway.support.TestServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations: Prometheus metrics on the management port without a token (and refused on the main port without an
 * ADMIN token), version and commit in /actuator/info, health on both ports, and a correlation id from the request into
 * the stored events.
 */
class MetricsIT extends IntegrationTest {

    /** The frame latency histogram has counted at least one frame. */
    private static final Pattern FRAME_LATENCY_COUNT = Pattern.compile("chat_frame_latency_seconds_count [1-9]");

    @Test
    void theManagementPortShowsProjectionCommandSocketCacheAndRateLimitMetricsWithoutAToken() throws Exception {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session user = api.register("metrics_user");
        String roomId = groupRoom(user);
        post(user, roomId, "measured");
        assertThat(api.get("/api/rooms/" + roomId + "/messages/recent", user.token()).status()).isEqualTo(200);
        try (StompClient socket = StompClient.connect(port, user.token())) {
            BlockingQueue<JsonNode> frames = socket.subscribe("/topic/rooms/" + roomId, null);
            Thread.sleep(500); // let the server register the subscription
            post(user, roomId, "pushed");
            StompClient.next(frames);
            String metrics = eventually(() -> management.get("/actuator/prometheus", null).body(),
                    body -> body.contains("chat_websocket_sessions") && !body.contains("chat_websocket_sessions 0.0")
                            && body.contains("chat_projection_events_total{projection=\"rooms\"}")
                            && FRAME_LATENCY_COUNT.matcher(body).find());
            assertThat(metrics)
                    .contains("chat_projection_lag{projection=\"rooms\"}")
                    .contains("chat_projection_position{projection=\"users\"}")
                    .contains("chat_projection_dead_letters{projection=\"rooms\"}")
                    .contains("chat_projection_dead_letters{projection=\"users\"}")
                    .contains("chat_projection_dead_letters{projection=\"contacts\"}")
                    .contains("chat_commands_seconds_count{command=\"PostMessage\",outcome=\"success\"}")
                    .contains("chat_commands_seconds_bucket{command=\"PostMessage\",outcome=\"success\",le=")
                    .contains("chat_recent_fallbacks_total")
                    .contains("chat_commands_group_size_count")
                    .contains("chat_commands_queued")
                    .contains("chat_frame_latency_seconds_bucket{le=")
                    .contains("chat_rate_limit_rejections_total");
        }
        // the main port: no metrics without an ADMIN token, and none served there at all (they live on the other port)
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", user.token()).status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus", admin.token()).status()).isEqualTo(404);
        assertThat(api.get("/actuator/info", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/env", null).status()).isEqualTo(401);
        assertThat(managementPort).isNotEqualTo(port);
    }

    @Test
    void theManagementPortServesHealthAndInfoWithoutATokenAndNothingElse() throws Exception {
        Api.Response health = management.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(management.get("/actuator/health/readiness", null).json().path("status").asString())
                .isEqualTo("UP");

        JsonNode info = management.get("/actuator/info", null).json();
        assertThat(info.path("build").path("version").asString()).isEqualTo(projectVersion());
        assertThat(info.path("build").path("artifact").asString()).isEqualTo("gateway");
        if (builtFromGitCheckout()) {
            assertThat(info.path("git").path("commit").path("id").asString()).matches("[0-9a-f]{7,40}");
        }

        // only health, info and prometheus are exposed there: nothing else answers (not found, or refused)
        assertThat(management.get("/actuator/env", null).status()).isIn(401, 404);
        assertThat(management.get("/actuator/beans", null).status()).isIn(401, 404);
        assertThat(management.get("/api/rooms", null).status()).isIn(401, 404);
    }

    @Test
    void theMainPortStillAnswersHealthAndItsProbesWithoutAToken() {
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").has("db")).isTrue();
        assertThat(api.get("/actuator/health/liveness", null).json().path("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness", null).json().path("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/no-such-group", null).status()).isEqualTo(404);
    }

    /** The version Maven built (build-info.properties is in the jar the test runs against). */
    private static String projectVersion() throws Exception {
        java.util.Properties build = new java.util.Properties();
        try (var in = MetricsIT.class.getResourceAsStream("/META-INF/build-info.properties")) {
            assertThat(in).as("build-info.properties on the class path").isNotNull();
            build.load(in);
        }
        return build.getProperty("build.version");
    }

    /** Whether the sources were a git checkout (then the build must have recorded the commit). */
    private static boolean builtFromGitCheckout() {
        for (java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (java.nio.file.Files.exists(dir.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aRequestsCorrelationIdIsEchoedAndStoredWithTheEventsItCauses() throws Exception {
        Api.Session user = api.register("correlated");
        String roomId = groupRoom(user);
        String correlation = "it-" + System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/rooms/" + roomId + "/messages"))
                .header("Authorization", "Bearer " + user.token()).header("Content-Type", "application/json")
                .header("X-Correlation-Id", correlation)
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(Map.of("content", "traced"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Correlation-Id")).contains(correlation);
        assertThat(TestServices.count("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?
                  AND convert_from(meta_data, 'UTF8')::jsonb ->> 'traceId' = ?
                  AND convert_from(meta_data, 'UTF8')::jsonb ->> 'actorId' = ?""",
                roomId, correlation, user.id().toString())).isEqualTo(1);
        // an id that could forge log lines is replaced by a fresh one
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/rooms/" + roomId))
                .header("Authorization", "Bearer " + user.token()).header("X-Correlation-Id", "a b\tc")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.headers().firstValue("X-Correlation-Id")).get().asString().matches("[0-9a-f-]{36}");
    }
}

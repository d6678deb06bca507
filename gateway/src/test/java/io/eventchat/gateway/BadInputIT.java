package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input of every kind gets a problem+json answer with a stable code; never a 500. */
class BadInputIT extends IntegrationTest {

    private static List<String> fields(Api.Response response) {
        return StreamSupport.stream(response.json().path("errors").spliterator(), false)
                .map(e -> e.path("field").asString()).toList();
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(body.path("type").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void registrationIsValidated() {
        Api.Response response = api.post("/api/auth/register",
                Map.of("username", "a!", "email", "nope", "password", "short"), null);
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(fields(response)).contains("username", "email", "password");
        assertProblem(api.post("/api/auth/register", Map.of("username", "x".repeat(33), "email", "a@b.org",
                "password", "long-enough"), null), 400, "VALIDATION_FAILED");
        assertProblem(api.post("/api/auth/register", Map.of("username", "fine_name", "email", "a@b.org",
                "password", "p".repeat(129)), null), 400, "VALIDATION_FAILED");
    }

    @Test
    void duplicateUsernameAndEmailConflictCaseInsensitively() {
        Api.Session first = api.register("dupe");
        assertProblem(api.post("/api/auth/register", Map.of("username", first.username().toUpperCase(),
                "email", "other-" + first.username() + "@example.org", "password", "password1"), null),
                409, "USERNAME_TAKEN");
        assertProblem(api.post("/api/auth/register", Map.of("username", "other_" + first.username(),
                "email", first.username().toUpperCase() + "@Example.org", "password", "password1"), null),
                409, "EMAIL_TAKEN");
    }

    @Test
    void aRoleIdOrCreationTimeInTheRegistrationBodyIsIgnored() {
        String name = "sneaky_" + UUID.randomUUID().toString().substring(0, 8);
        String chosenId = UUID.randomUUID().toString();
        Api.Response response = api.post("/api/auth/register", Map.of("username", name, "email", name + "@example.org",
                "password", "password1", "role", "ADMIN", "id", chosenId, "createdAt", "2000-01-01T00:00:00Z"), null);
        assertThat(response.status()).isEqualTo(201);
        JsonNode user = response.json().path("user");
        assertThat(user.path("role").asString()).isEqualTo("USER");
        assertThat(user.path("id").asString()).isNotEqualTo(chosenId);
        assertThat(user.path("createdAt").asString()).doesNotStartWith("2000-");
        JsonNode stored = api.get("/api/users/me", response.json().path("accessToken").asString()).json();
        assertThat(stored.path("id").asString()).isEqualTo(user.path("id").asString());
        assertThat(stored.path("role").asString()).isEqualTo("USER");
        assertThat(stored.path("createdAt").asString()).isEqualTo(user.path("createdAt").asString());
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        Api.Session user = api.register("secretive");
        Api.Response wrong = api.post("/api/auth/login", Map.of("username", user.username(), "password", "wrong-password"), null);
        Api.Response unknown = api.post("/api/auth/login", Map.of("username", "nobody_" + UUID.randomUUID().toString().substring(0, 8),
                "password", "wrong-password"), null);
        assertProblem(wrong, 401, "BAD_CREDENTIALS");
        assertProblem(unknown, 401, "BAD_CREDENTIALS");
        assertThat(wrong.json().path("detail")).isEqualTo(unknown.json().path("detail"));
    }

    @Test
    void malformedBodiesAreBadRequests() {
        Api.Session user = api.register("clumsy");
        String rooms = "/api/rooms";
        assertProblem(api.postRaw(rooms, "{\"type\":", "application/json", user.token()), 400, "MALFORMED_REQUEST");
        assertProblem(api.postRaw(rooms, "", "application/json", user.token()), 400, "MALFORMED_REQUEST");
        assertProblem(api.postRaw(rooms, "[1,2]", "application/json", user.token()), 400, "MALFORMED_REQUEST");
        Api.Response badEnum = api.postRaw(rooms, "{\"type\":\"PARTY\"}", "application/json", user.token());
        assertProblem(badEnum, 400, "VALIDATION_FAILED");
        assertThat(fields(badEnum)).containsExactly("type");
        Api.Response badIds = api.postRaw(rooms, "{\"type\":\"GROUP\",\"participantIds\":\"x\"}", "application/json",
                user.token());
        assertProblem(badIds, 400, "VALIDATION_FAILED");
        Api.Response missingType = api.post(rooms, Map.of("name", "typeless"), user.token());
        assertProblem(missingType, 400, "VALIDATION_FAILED");
        assertThat(fields(missingType)).containsExactly("type");
        assertProblem(api.postRaw(rooms, "type=GROUP", "text/plain", user.token()), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(api.post(rooms, Map.of("type", "GROUP", "name", "n".repeat(101)), user.token()), 400,
                "VALIDATION_FAILED");
    }

    @Test
    void messageContentIsValidated() {
        Api.Session user = api.register("writer");
        String roomId = api.post("/api/rooms", Map.of("type", "GROUP"), user.token()).json().path("id").asString();
        String messages = "/api/rooms/" + roomId + "/messages";
        Api.Response missing = api.post(messages, Map.of(), user.token());
        assertProblem(missing, 400, "VALIDATION_FAILED");
        assertThat(fields(missing)).containsExactly("content");
        assertProblem(api.post(messages, Map.of("content", "   \n "), user.token()), 400, "VALIDATION_FAILED");
        Api.Response tooLong = api.post(messages, Map.of("content", "z".repeat(4001)), user.token());
        assertProblem(tooLong, 400, "VALIDATION_FAILED");
        assertThat(fields(tooLong)).containsExactly("content");
        assertProblem(api.postRaw(messages, "{\"content\": 12}", "application/json", user.token()), 400,
                "VALIDATION_FAILED");
        Api.Response padded = api.post(messages, Map.of("content", "   " + "z".repeat(4000) + "   "), user.token());
        assertThat(padded.status()).isEqualTo(201);
    }

    @Test
    void missingOrBadTokensAreUnauthorized() {
        Api.Session user = api.register("holder");
        String path = "/api/rooms/" + UUID.randomUUID() + "/messages";
        assertProblem(api.get(path, null), 401, "UNAUTHENTICATED");
        assertProblem(api.get(path, "garbage"), 401, "INVALID_TOKEN");

        String[] parts = user.token().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8).replace("\"USER\"", "\"ADMIN\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(UTF_8))
                + "." + parts[2];
        assertProblem(api.get(path, tampered), 401, "INVALID_TOKEN");

        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(UTF_8));
        assertProblem(api.get(path, none + "." + parts[1] + "."), 401, "INVALID_TOKEN");
        assertProblem(api.get(path, user.token().substring(0, user.token().length() - 5)), 401, "INVALID_TOKEN");
        assertThat(api.get(path, user.token()).status()).isEqualTo(404);
    }

    @Test
    void aLimitAboveAListsMaximumIsCappedNotRefusedButALimitBelowOneIsBadInput() {
        Api.Session user = api.register("limitless");
        String roomId = groupRoom(user);
        Map<String, Integer> maxima = Map.of(
                "/api/users?q=limitless&limit=100001", 50,
                "/api/rooms/" + roomId + "/attachments?limit=100001", 200,
                "/api/rooms/" + roomId + "/audit?limit=100001", 500,
                "/api/rooms/" + roomId + "/events?limit=10000000000", 200,
                "/api/rooms/" + roomId + "/messages?limit=10000000000", 200);
        maxima.forEach((path, max) -> {
            Api.Response response = api.get(path, user.token());
            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
            assertThat(response.json().path("items").size()).as(path).isLessThanOrEqualTo(max);
        });
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Response accounts = api.get("/api/admin/users?limit=201", admin.token());
        assertThat(accounts.status()).as(accounts.body()).isEqualTo(200);
        assertThat(accounts.json().path("items").size()).isBetween(1, 200);  // the admin, at least

        assertProblem(api.get("/api/rooms/" + roomId + "/events?limit=0", user.token()), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/users?limit=-3", user.token()), 400, "VALIDATION_FAILED");
        assertProblem(api.get("/api/rooms/" + roomId + "/messages?limit=lots", user.token()), 400,
                "VALIDATION_FAILED");
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        Api.Session user = api.register("wanderer");
        assertProblem(api.get("/api/nothing-here", user.token()), 404, "NOT_FOUND");
        assertProblem(api.request("DELETE", "/api/auth/login", user.token()), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void theWebClientsOriginMayCallTheApiAndOthersMayNot() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String origin : List.of("http://localhost:3000", "https://evil.example")) {
            var preflight = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/rooms"))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            boolean allowed = origin.equals(preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertThat(allowed).as(origin).isEqualTo(origin.equals("http://localhost:3000"));
        }
    }

    @Test
    void healthAndApiDocsArePublic() throws Exception {
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("redis").path("status").asString()).isEqualTo("UP");
        Api.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/rooms/{roomId}/messages")).isTrue();
        assertThat(docs.json().path("paths").path("/api/rooms").path("post").path("responses").has("201")).isTrue();
        assertThat(docs.json().path("paths").has("/api/rooms/{roomId}/audit")).isTrue();
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
        // the documented address leads there
        java.net.http.HttpResponse<String> swagger = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + port + "/swagger-ui.html")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(swagger.statusCode()).isEqualTo(200);
        assertThat(swagger.body()).contains("swagger-ui");
    }
}

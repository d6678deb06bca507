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

    /** One definition of a valid text (Text in shared-api), enforced on every text the API takes in. */
    @Test
    void controlCharactersAreRefusedInEveryTextAndNamedByTheirField() {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session user = api.register("ctl");
        String roomId = groupRoom(user);
        String messageId = post(user, roomId, "fine").path("id").asString();
        for (String bad : List.of("a\u0000b", "a\u0007b", "a\u001bb", "a\u007fb", "a\u0085b")) {
            assertRefused(api.post("/api/auth/register", Map.of("username", "ctl" + bad, "email", "c@example.org",
                    "password", "password-1"), null), "username");
            assertRefused(api.post("/api/auth/register", Map.of("username", "ctl_name", "email", "c@example.org",
                    "password", "password-1", "displayName", "Name " + bad), null), "displayName");
            assertRefused(api.post("/api/auth/register", Map.of("username", "ctl_mail", "email", "c" + bad
                    + "@example.org", "password", "password-1"), null), "email");
            assertRefused(api.post("/api/auth/login", Map.of("username", "ctl" + bad, "password", "password-1"),
                    null), "username");
            assertRefused(api.post("/api/auth/refresh", Map.of("refreshToken", "token" + bad), null), "refreshToken");
            assertRefused(api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "hello " + bad),
                    user.token()), "content");
            assertRefused(api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "hello",
                    "clientMessageId", "c" + bad), user.token()), "clientMessageId");
            assertRefused(api.request("PATCH", "/api/messages/" + messageId, Map.of("content", "edited " + bad),
                    user.token()), "content");
            assertRefused(api.post("/api/rooms", Map.of("name", "Room " + bad, "type", "GROUP",
                    "participantIds", List.of()), user.token()), "name");
            assertRefused(api.request("PATCH", "/api/rooms/" + roomId, Map.of("name", "Room " + bad), user.token()),
                    "name");
            assertRefused(api.request("PATCH", "/api/users/me", Map.of("displayName", "Me " + bad), user.token()),
                    "displayName");
            assertRefused(api.request("PATCH", "/api/users/me", Map.of("email", "me" + bad + "@example.org"),
                    user.token()), "email");
            String query = java.net.URLEncoder.encode("x" + bad, java.nio.charset.StandardCharsets.UTF_8);
            assertRefused(api.get("/api/users?q=" + query, user.token()), "q");
            assertRefused(api.get("/api/admin/users?q=" + query, admin.token()), "q");
        }
        // broken Unicode (a lone surrogate, as JSON can write one) is refused too
        assertRefused(api.postRaw("/api/rooms/" + roomId + "/messages", "{\"content\":\"a\\ud800b\"}",
                "application/json", user.token()), "content");
        // nothing was stored
        assertThat(api.get("/api/rooms/" + roomId + "/messages", user.token()).json().path("items")).hasSize(1);
        assertThat(api.get("/api/rooms/" + roomId, user.token()).json().path("name").asString())
                .isEqualTo("Room of " + user.username());
        // message content keeps line breaks and tabs
        Api.Response lines = api.post("/api/rooms/" + roomId + "/messages",
                Map.of("content", "line one\nline two\r\n\tindented"), user.token());
        assertThat(lines.status()).isEqualTo(201);
        assertThat(lines.json().path("content").asString()).isEqualTo("line one\nline two\r\n\tindented");
    }

    private static void assertRefused(Api.Response response, String field) {
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(fields(response)).as(response.body()).contains(field);
    }

    @Test
    void aMalformedOriginIsForbiddenLikeAForeignOne() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String origin : List.of("http://localhost:3000.x", "http://localhost:99999", "localhost:3000",
                "http://[::1", "http://localhost:3000/path")) {
            for (String path : List.of("/ws", "/api/auth/login", "/api/rooms")) {
                var response = http.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + port + path)).header("Origin", origin).GET()
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(origin + " " + path).isEqualTo(403);
                assertThat(response.body()).as(origin + " " + path).contains("FORBIDDEN_ORIGIN");
            }
        }
    }

    /** Every wrong guess is counted before its password is checked, so parallel guesses count one each. */
    @Test
    void parallelWrongPasswordsAreEachCounted() throws Exception {
        Api.Session user = api.register("guessed");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(30);
        try {
            List<java.util.concurrent.Future<Api.Response>> guesses = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 30; i++) {
                int guess = i;
                guesses.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/auth/login", Map.of("username", user.username(),
                            "password", "wrong-guess-" + guess), null);
                }));
            }
            start.countDown();
            java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (var guess : guesses) {
                statuses.merge(guess.get().status(), 1, Integer::sum);
            }
            // five failures per account and address (chat.rate-limit.login-failures-per-account-and-client)
            assertThat(statuses).containsEntry(401, 5).containsEntry(429, 25);
            Api.Response right = api.post("/api/auth/login", Map.of("username", user.username(),
                    "password", Api.passwordOf(user.username())), null);
            assertThat(right.status()).as("even the right password waits").isEqualTo(429);
        } finally {
            pool.shutdownNow();
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

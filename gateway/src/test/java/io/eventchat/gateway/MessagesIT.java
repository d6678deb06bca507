package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.TestServices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Every row of "Messages" in the API contract, including retries, concurrency and the recent-message cache. */
class MessagesIT extends IntegrationTest {

    private static List<JsonNode> items(Api.Response response) {
        return StreamSupport.stream(response.json().path("items").spliterator(), false).toList();
    }

    @Test
    void editDeleteRestoreAndReply() {
        Api.Session author = api.register("author");
        Api.Session other = api.register("other");
        String roomId = groupRoom(author, other.id());
        String id = post(author, roomId, "original").path("id").asString();
        String message = "/api/messages/" + id;

        Api.Response edited = api.request("PATCH", message, Map.of("content", "edited <i>text</i>"), author.token());
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("content").asString()).isEqualTo("edited <i>text</i>");
        assertThat(edited.json().path("editedAt").isNull()).isFalse();
        assertThat(api.request("PATCH", message, Map.of("content", "hijack"), other.token()).code())
                .isEqualTo("NOT_ALLOWED");
        assertThat(api.request("PATCH", message, Map.of("content", " "), author.token()).code())
                .isEqualTo("VALIDATION_FAILED");

        Api.Response reply = api.post("/api/rooms/" + roomId + "/messages",
                Map.of("content", "agreed", "replyToMessageId", id), other.token());
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("replyToMessageId").asString()).isEqualTo(id);

        assertThat(api.request("DELETE", message, other.token()).code()).isEqualTo("NOT_ALLOWED");
        assertThat(api.request("DELETE", message, author.token()).status()).isEqualTo(204);
        assertThat(api.request("DELETE", message, author.token()).status()).isEqualTo(204);
        JsonNode deleted = eventually(() -> api.get(message, other.token()),
                r -> r.json().path("deleted").asBoolean()).json();
        assertThat(deleted.path("content").isNull()).isTrue();
        assertThat(deleted.path("seq").asLong()).isEqualTo(4);
        Api.Response page = api.get("/api/rooms/" + roomId + "/messages", other.token());
        assertThat(items(page).get(0).path("deleted").asBoolean()).isTrue();
        assertThat(items(page).get(0).path("content").isNull()).isTrue();
        assertThat(page.body()).doesNotContain("edited <i>text</i>");

        assertThat(api.request("PATCH", message, Map.of("content", "revive"), author.token()).code())
                .isEqualTo("MESSAGE_DELETED");
        assertThat(api.post(message + "/restore", Map.of(), other.token()).code()).isEqualTo("NOT_ALLOWED");
        Api.Response restored = api.post(message + "/restore", Map.of(), author.token());
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().path("deleted").asBoolean()).isFalse();
        assertThat(restored.json().path("content").asString()).isEqualTo("edited <i>text</i>");
        assertThat(api.post(message + "/restore", Map.of(), author.token()).code()).isEqualTo("MESSAGE_NOT_DELETED");

        assertThat(api.get("/api/messages/" + UUID.randomUUID(), author.token()).code()).isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(api.request("DELETE", "/api/messages/" + UUID.randomUUID(), author.token()).code())
                .isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(api.get("/api/messages/not-an-id", author.token()).code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void replyToAnotherRoomIsRejected() {
        Api.Session user = api.register("crosser");
        String here = groupRoom(user);
        String there = groupRoom(user);
        String elsewhere = post(user, there, "over there").path("id").asString();
        Api.Response reply = api.post("/api/rooms/" + here + "/messages",
                Map.of("content", "answer", "replyToMessageId", elsewhere), user.token());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("INVALID_REPLY");
    }

    @Test
    void aModeratorDeletesAnyMessage() {
        Api.Session author = api.register("loud");
        Api.Session moderatorUser = api.register("mod");
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        api.request("PATCH", "/api/admin/users/" + moderatorUser.id(), Map.of("role", "MODERATOR"), admin.token());
        Api.Session moderator = api.session(moderatorUser.username(), Api.passwordOf(moderatorUser.username()));
        String roomId = groupRoom(author);
        String id = post(author, roomId, "offensive").path("id").asString();
        assertThat(api.request("DELETE", "/api/messages/" + id, moderator.token()).status()).isEqualTo(204);
        eventually(() -> api.get("/api/messages/" + id, author.token()), r -> r.json().path("deleted").asBoolean());
    }

    @Test
    void retriesWithOneClientMessageIdPostOnce() {
        Api.Session user = api.register("retrier");
        String roomId = groupRoom(user);
        Map<String, Object> body = Map.of("content", "only once", "clientMessageId", "c-" + UUID.randomUUID());
        Api.Response first = api.post("/api/rooms/" + roomId + "/messages", body, user.token());
        assertThat(first.status()).isEqualTo(201);
        Api.Response retry = api.post("/api/rooms/" + roomId + "/messages", body, user.token());
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(retry.json().path("seq").asLong()).isEqualTo(first.json().path("seq").asLong());
        assertThat(retry.json().path("content").asString()).isEqualTo("only once");

        Map<String, Object> concurrent = Map.of("content", "racing", "clientMessageId", "c-" + UUID.randomUUID());
        List<CompletableFuture<Api.Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(CompletableFuture.supplyAsync(() ->
                    api.post("/api/rooms/" + roomId + "/messages", concurrent, user.token())));
        }
        List<Api.Response> responses = attempts.stream().map(CompletableFuture::join).toList();
        assertThat(responses.stream().filter(r -> r.status() == 201).count()).isEqualTo(1);
        assertThat(responses).allMatch(r -> r.status() == 200 || r.status() == 201);
        assertThat(responses.stream().map(r -> r.json().path("id").asString()).collect(Collectors.toSet())).hasSize(1);
        Api.Response page = eventually(() -> api.get("/api/rooms/" + roomId + "/messages", user.token()),
                r -> items(r).size() == 2);
        assertThat(items(page)).extracting(m -> m.path("content").asString()).containsExactly("only once", "racing");
    }

    @Test
    void hundredParallelPostsFromFourUsersGetHundredConsecutiveSeqs() throws Exception {
        Api.Session owner = api.register("host");
        List<Api.Session> users = new ArrayList<>(List.of(owner));
        for (int i = 0; i < 3; i++) {
            users.add(api.register("guest" + i));
        }
        String roomId = groupRoom(owner, users.subList(1, 4).stream().map(Api.Session::id).toArray(UUID[]::new));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Api.Response>> posts = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Api.Session sender = users.get(i % 4);
                String content = "parallel " + i;
                posts.add(CompletableFuture.supplyAsync(() -> api.post("/api/rooms/" + roomId + "/messages",
                        Map.of("content", content), sender.token()), pool));
            }
            List<Api.Response> responses = posts.stream().map(CompletableFuture::join).toList();
            assertThat(responses).allMatch(r -> r.status() == 201);
            Set<Long> seqs = responses.stream().map(r -> r.json().path("seq").asLong()).collect(Collectors.toSet());
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(6, 105).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        Api.Response history = eventually(() -> api.get("/api/rooms/" + roomId + "/messages?limit=200", owner.token()),
                r -> items(r).size() == 100);
        assertThat(items(history)).extracting(m -> m.path("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(6, 105).boxed().toList());
    }

    @Test
    void recentMessagesComeFromRedisAndReflectEveryChange() {
        Api.Session user = api.register("recent");
        Api.Session friend = api.register("recent_friend");
        String roomId = groupRoom(user, friend.id());
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 55; i++) {
            // two senders, so the per-user write limit is not what this test meets
            ids.add(post(i % 2 == 0 ? friend : user, roomId, "m" + i).path("id").asString());
        }
        api.request("PATCH", "/api/messages/" + ids.get(54), Map.of("content", "m55 edited"), user.token());
        // m54 was posted by friend
        api.request("DELETE", "/api/messages/" + ids.get(53), friend.token());
        String recent = "/api/rooms/" + roomId + "/messages/recent";
        Api.Response page = eventually(() -> api.get(recent, user.token()),
                r -> items(r).size() == 50 && "m55 edited".equals(items(r).get(49).path("content").asString())
                        && items(r).get(48).path("deleted").asBoolean());
        assertThat(items(page).get(0).path("content").asString()).isEqualTo("m6");
        assertThat(items(page).get(48).path("content").isNull()).isTrue();
        assertThat(page.json().path("nextCursor").asLong()).isEqualTo(items(page).get(0).path("seq").asLong());
        assertThat(redisKeyExists("recent:" + roomId)).isTrue();

        deleteRedisKey("recent:" + roomId);
        Api.Response fromPostgres = api.get(recent, user.token());
        assertThat(items(fromPostgres)).extracting(m -> m.path("seq").asLong())
                .containsExactlyElementsOf(items(page).stream().map(m -> m.path("seq").asLong()).toList());
        assertThat(redisKeyExists("recent:" + roomId)).as("refilled").isTrue();
        post(user, roomId, "after refill");
        Api.Response refreshed = eventually(() -> api.get(recent, user.token()),
                r -> "after refill".equals(items(r).get(49).path("content").asString()));
        assertThat(items(refreshed)).hasSize(50);
    }

    @Test
    void aRoomWithFewMessagesHasNoOlderCursor() {
        Api.Session user = api.register("sparse");
        String roomId = groupRoom(user);
        post(user, roomId, "lonely");
        Api.Response page = eventually(() -> api.get("/api/rooms/" + roomId + "/messages/recent", user.token()),
                r -> items(r).size() == 1);
        assertThat(page.json().path("nextCursor").isNull()).isTrue();
    }

    private static boolean redisKeyExists(String key) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(TestServices.REDIS_URL);
        try (var connection = client.connect()) {
            return connection.sync().exists(key) == 1;
        } finally {
            client.shutdown();
        }
    }

    private static void deleteRedisKey(String key) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(TestServices.REDIS_URL);
        try (var connection = client.connect()) {
            connection.sync().del(key);
        } finally {
            client.shutdown();
        }
    }

}

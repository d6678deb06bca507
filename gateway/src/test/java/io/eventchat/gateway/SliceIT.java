package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The thin slice end to end, through HTTP exactly as a client uses it. */
class SliceIT extends IntegrationTest {

    private String createRoom(Api.Session owner, UUID... others) {
        Api.Response created = api.post("/api/rooms",
                Map.of("name", "Room of " + owner.username(), "type", "GROUP", "participantIds", List.of(others)),
                owner.token());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static List<Long> seqs(Api.Response page) {
        return StreamSupport.stream(page.json().path("items").spliterator(), false)
                .map(item -> item.path("seq").asLong()).toList();
    }

    @Test
    void registerLoginCreateRoomPostAndReadBack() {
        Api.Session alice = api.register("alice");
        Api.Session bob = api.register("bob");

        Api.Response login = api.post("/api/auth/login",
                Map.of("username", alice.username().toUpperCase() + "@EXAMPLE.ORG", "password", "password-" + alice.username()),
                null);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().path("expiresIn").asLong()).isBetween(60L, 900L);
        assertThat(login.json().path("user").path("lastLoginAt").isNull()).isFalse();
        String token = login.json().path("accessToken").asString();

        Api.Response created = api.post("/api/rooms",
                Map.of("name", "  Lunch  ", "type", "GROUP", "participantIds", List.of(bob.id())), token);
        assertThat(created.status()).isEqualTo(201);
        JsonNode room = created.json();
        assertThat(room.path("name").asString()).isEqualTo("Lunch");
        assertThat(room.path("createdBy").asString()).isEqualTo(alice.id().toString());
        assertThat(room.path("participants")).hasSize(2);
        assertThat(room.path("participants").get(0).path("role").asString()).isEqualTo("OWNER");
        assertThat(room.path("lastSeq").asLong()).isEqualTo(3);
        String roomId = room.path("id").asString();

        Api.Response first = api.post("/api/rooms/" + roomId + "/messages",
                Map.of("content", "  <b>hi</b> bob  ", "clientMessageId", "c-1"), token);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("seq").asLong()).isEqualTo(4);
        assertThat(first.json().path("content").asString()).isEqualTo("  <b>hi</b> bob  ");
        assertThat(first.json().path("senderUsername").asString()).isEqualTo(alice.username());
        assertThat(first.json().path("clientMessageId").asString()).isEqualTo("c-1");
        assertThat(api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "hello alice"), bob.token())
                .json().path("seq").asLong()).isEqualTo(5);
        assertThat(api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "lunch?"), token)
                .json().path("seq").asLong()).isEqualTo(6);

        Api.Response page = eventually(() -> api.get("/api/rooms/" + roomId + "/messages", bob.token()),
                r -> r.status() == 200 && r.json().path("items").size() == 3);
        assertThat(seqs(page)).containsExactly(4L, 5L, 6L);
        JsonNode firstItem = page.json().path("items").get(0);
        assertThat(firstItem.path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(firstItem.path("senderUsername").asString()).isEqualTo(alice.username());
        assertThat(firstItem.path("content").asString()).isEqualTo("  <b>hi</b> bob  ");
        assertThat(firstItem.path("deleted").asBoolean()).isFalse();
        assertThat(firstItem.path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(page.json().path("nextCursor").isNull()).isTrue();

        Api.Response newest = api.get("/api/rooms/" + roomId + "/messages?limit=2", token);
        assertThat(seqs(newest)).containsExactly(5L, 6L);
        assertThat(newest.json().path("nextCursor").asLong()).isEqualTo(5);
        Api.Response older = api.get("/api/rooms/" + roomId + "/messages?limit=2&before=5", token);
        assertThat(seqs(older)).containsExactly(4L);
        assertThat(older.json().path("nextCursor").isNull()).isTrue();
        Api.Response newer = api.get("/api/rooms/" + roomId + "/messages?after=4&limit=1", token);
        assertThat(seqs(newer)).containsExactly(5L);
        assertThat(newer.json().path("nextCursor").asLong()).isEqualTo(5);
        assertThat(seqs(api.get("/api/rooms/" + roomId + "/messages?limit=100000", token))).containsExactly(4L, 5L, 6L);
    }

    @Test
    void outsiderCannotPostOrRead() {
        Api.Session owner = api.register("owner");
        Api.Session outsider = api.register("outsider");
        String roomId = createRoom(owner);
        eventually(() -> api.get("/api/rooms/" + roomId + "/messages", owner.token()), r -> r.status() == 200);

        Api.Response post = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "let me in"),
                outsider.token());
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.code()).isEqualTo("NOT_A_PARTICIPANT");
        assertThat(post.contentType()).startsWith("application/problem+json");

        Api.Response read = api.get("/api/rooms/" + roomId + "/messages", outsider.token());
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.code()).isEqualTo("NOT_A_PARTICIPANT");
        assertThat(read.body()).doesNotContain("let me in");
    }

    @Test
    void unknownRoomIsNotFound() {
        Api.Session user = api.register("lost");
        String unknown = UUID.randomUUID().toString();
        Api.Response post = api.post("/api/rooms/" + unknown + "/messages", Map.of("content", "anyone?"), user.token());
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.code()).isEqualTo("ROOM_NOT_FOUND");
        Api.Response read = api.get("/api/rooms/" + unknown + "/messages", user.token());
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.code()).isEqualTo("ROOM_NOT_FOUND");
    }

    @Test
    void aUserIdIsNotARoom() {
        Api.Session user = api.register("confused");
        Api.Response post = api.post("/api/rooms/" + user.id() + "/messages", Map.of("content", "hello me"),
                user.token());
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.code()).isEqualTo("ROOM_NOT_FOUND");
    }

    @Test
    void nonUuidIdsAreBadRequests() {
        Api.Session user = api.register("typo");
        Api.Response read = api.get("/api/rooms/not-a-uuid/messages", user.token());
        assertThat(read.status()).isEqualTo(400);
        assertThat(read.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(read.json().path("errors").get(0).path("field").asString()).isEqualTo("roomId");
        Api.Response post = api.post("/api/rooms/123/messages", Map.of("content", "x"), user.token());
        assertThat(post.status()).isEqualTo(400);
        assertThat(post.code()).isEqualTo("VALIDATION_FAILED");
        Api.Response badCursor = api.get("/api/rooms/" + UUID.randomUUID() + "/messages?before=abc", user.token());
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().path("errors").get(0).path("field").asString()).isEqualTo("before");
        Api.Response negative = api.get("/api/rooms/" + UUID.randomUUID() + "/messages?limit=-1", user.token());
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void roomWithUnknownParticipantIsRejected() {
        Api.Session user = api.register("inviter");
        Api.Response created = api.post("/api/rooms",
                Map.of("type", "GROUP", "participantIds", List.of(UUID.randomUUID())), user.token());
        assertThat(created.status()).isEqualTo(400);
        assertThat(created.code()).isEqualTo("INVALID_PARTICIPANTS");
    }
}

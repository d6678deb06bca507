package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Who did what in a room, and the room as it was, straight from the event store. */
class AuditIT extends IntegrationTest {

    private static List<JsonNode> items(Api.Response response) {
        return StreamSupport.stream(response.json().path("items").spliterator(), false).toList();
    }

    @Test
    void theAuditListsEveryEventWithItsActorAndGapFreeSeq() {
        Api.Session owner = api.register("auditee");
        Api.Session member = api.register("member");
        String roomId = groupRoom(owner, member.id());
        String messageId = post(member, roomId, "hello").path("id").asString();
        api.request("PATCH", "/api/messages/" + messageId, Map.of("content", "hello, edited"), member.token());
        api.request("PATCH", "/api/rooms/" + roomId, Map.of("name", "Renamed"), owner.token());

        Api.Response audit = api.get("/api/rooms/" + roomId + "/audit", member.token());
        assertThat(audit.status()).isEqualTo(200);
        assertThat(items(audit)).extracting(e -> e.path("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(items(audit)).extracting(e -> e.path("type").asString()).containsExactly("RoomCreated",
                "ParticipantAdded", "ParticipantAdded", "MessagePosted", "MessageEdited", "RoomRenamed");
        assertThat(items(audit)).extracting(e -> e.path("actorId").asString()).containsExactly(
                owner.id().toString(), owner.id().toString(), owner.id().toString(), member.id().toString(),
                member.id().toString(), owner.id().toString());
        assertThat(items(audit).get(3).path("data").path("content").asString()).isEqualTo("hello");
        assertThat(items(audit).get(3).path("at").asString()).isNotBlank();

        Api.Response page = api.get("/api/rooms/" + roomId + "/audit?after=2&limit=2", member.token());
        assertThat(items(page)).extracting(e -> e.path("seq").asLong()).containsExactly(3L, 4L);
        assertThat(page.json().path("nextCursor").asLong()).isEqualTo(4);
    }

    @Test
    void outsidersMayNotReadTheAuditButModeratorsMay() {
        Api.Session owner = api.register("private");
        Api.Session outsider = api.register("nosy");
        String roomId = groupRoom(owner);
        Api.Response refused = api.get("/api/rooms/" + roomId + "/audit", outsider.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("NOT_A_PARTICIPANT");
        Api.Response stateRefused = api.get("/api/rooms/" + roomId + "/state?atSeq=1", outsider.token());
        assertThat(stateRefused.status()).as(stateRefused.body()).isEqualTo(403);

        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        api.request("PATCH", "/api/admin/users/" + outsider.id(), Map.of("role", "MODERATOR"), admin.token());
        Api.Session moderator = api.session(outsider.username(), Api.passwordOf(outsider.username()));
        assertThat(api.get("/api/rooms/" + roomId + "/audit", moderator.token()).status()).isEqualTo(200);
    }

    @Test
    void theStateAsOfAnInstantHasTheOldNameAndTheOldContent() throws Exception {
        Api.Session owner = api.register("historian");
        String roomId = groupRoom(owner);
        String messageId = post(owner, roomId, "first draft").path("id").asString();
        Thread.sleep(50);
        Instant then = Instant.now();
        Thread.sleep(50);
        api.request("PATCH", "/api/messages/" + messageId, Map.of("content", "final text"), owner.token());
        api.request("PATCH", "/api/rooms/" + roomId, Map.of("name", "New name"), owner.token());
        String second = post(owner, roomId, "later").path("id").asString();
        api.request("DELETE", "/api/messages/" + second, owner.token());

        JsonNode past = api.get("/api/rooms/" + roomId + "/state?asOf=" + then, owner.token()).json();
        assertThat(past.path("name").asString()).isEqualTo("Room of " + owner.username());
        assertThat(past.path("seq").asLong()).isEqualTo(3);
        assertThat(past.path("participants")).hasSize(1);
        assertThat(past.path("messages")).hasSize(1);
        assertThat(past.path("messages").get(0).path("content").asString()).isEqualTo("first draft");
        assertThat(past.path("messages").get(0).path("editedAt").isNull()).isTrue();

        JsonNode now = api.get("/api/rooms/" + roomId + "/state?asOf=" + Instant.now(), owner.token()).json();
        assertThat(now.path("name").asString()).isEqualTo("New name");
        assertThat(now.path("messages").get(0).path("content").asString()).isEqualTo("final text");
        assertThat(now.path("messages").get(1).path("deleted").asBoolean()).isTrue();
        assertThat(now.path("messages").get(1).path("content").isNull()).isTrue();

        JsonNode atSeq = api.get("/api/rooms/" + roomId + "/state?atSeq=4", owner.token()).json();
        assertThat(atSeq.path("messages").get(0).path("content").asString()).isEqualTo("final text");
        assertThat(atSeq.path("name").asString()).isEqualTo("Room of " + owner.username());
    }

    /** A deletion is not undone by reading the history: plain participants see null, moderators and admins all. */
    @Test
    void theHistoryHidesDeletedContentFromPlainParticipantsButNotFromModerators() throws Exception {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session author = api.register("shredder");
        Api.Session reader = api.register("peeker");
        String roomId = groupRoom(author, reader.id());
        String secret = post(author, roomId, "my secret").path("id").asString();
        api.request("PATCH", "/api/messages/" + secret, Map.of("content", "my edited secret"), author.token());
        post(author, roomId, "public");
        Thread.sleep(50);
        Instant beforeDeletion = Instant.now();
        Thread.sleep(50);
        assertThat(api.request("DELETE", "/api/messages/" + secret, author.token()).status()).isEqualTo(204);

        for (Api.Session plain : List.of(reader, author)) {
            JsonNode audit = api.get("/api/rooms/" + roomId + "/audit", plain.token()).json();
            List<JsonNode> aboutSecret = entriesAbout(audit, secret);
            assertThat(aboutSecret).extracting(e -> e.path("type").asString())
                    .containsExactly("MessagePosted", "MessageEdited", "MessageDeleted");
            assertThat(aboutSecret.get(0).path("data").path("content").isNull()).isTrue();
            assertThat(aboutSecret.get(1).path("data").path("content").isNull()).isTrue();
            assertThat(audit.toString()).doesNotContain("my secret").doesNotContain("my edited secret")
                    .contains("public");

            JsonNode past = api.get("/api/rooms/" + roomId + "/state?asOf=" + beforeDeletion, plain.token()).json();
            assertThat(past.toString()).doesNotContain("secret");
            assertThat(past.path("messages").get(0).path("content").isNull()).isTrue();
            assertThat(past.path("messages").get(1).path("content").asString()).isEqualTo("public");
        }

        Api.Session moderator = api.register("shred_mod");
        api.request("PATCH", "/api/admin/users/" + moderator.id(), Map.of("role", "MODERATOR"), admin.token());
        for (Api.Session privileged : List.of(moderator, admin)) {
            JsonNode audit = api.get("/api/rooms/" + roomId + "/audit", privileged.token()).json();
            assertThat(entriesAbout(audit, secret).get(0).path("data").path("content").asString())
                    .isEqualTo("my secret");
            JsonNode past = api.get("/api/rooms/" + roomId + "/state?asOf=" + beforeDeletion, privileged.token())
                    .json();
            assertThat(past.path("messages").get(0).path("content").asString()).isEqualTo("my edited secret");
        }
    }

    private static List<JsonNode> entriesAbout(JsonNode audit, String messageId) {
        return java.util.stream.StreamSupport.stream(audit.path("items").spliterator(), false)
                .filter(entry -> messageId.equals(entry.path("data").path("messageId").asString()))
                .toList();
    }

    @Test
    void adminsSeeWhereEveryProjectionStands() {
        Api.Session user = api.register("curious");
        assertThat(api.get("/api/admin/projections", user.token()).status()).isEqualTo(403);
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Response projections = eventually(() -> api.get("/api/admin/projections", admin.token()),
                r -> r.status() == 200 && StreamSupport.stream(r.json().spliterator(), false)
                        .allMatch(p -> p.path("lag").asLong() == 0));
        List<JsonNode> items = StreamSupport.stream(projections.json().spliterator(), false).toList();
        assertThat(items).extracting(p -> p.path("name").asString())
                .contains("contacts", "rooms", "users").doesNotContain("messages", "attachments");
        JsonNode messages = items.stream().filter(p -> p.path("name").asString().equals("rooms")).findFirst()
                .orElseThrow();
        assertThat(messages.path("status").asString()).isEqualTo("RUNNING");
        assertThat(messages.path("headPosition").asLong()).isPositive();
        assertThat(messages.path("position").asLong()).isEqualTo(messages.path("headPosition").asLong());
        assertThat(messages.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(messages.path("segments").asInt()).isEqualTo(4);
    }

    @Test
    void beforeTheRoomExistedIsNotFoundAndAMalformedInstantIsABadRequest() {
        Api.Session owner = api.register("early");
        String roomId = groupRoom(owner);
        Api.Response before = api.get("/api/rooms/" + roomId + "/state?asOf=2020-01-01T00:00:00Z", owner.token());
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.code()).isEqualTo("ROOM_NOT_FOUND");
        Api.Response malformed = api.get("/api/rooms/" + roomId + "/state?asOf=yesterday", owner.token());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.get("/api/rooms/" + roomId + "/state", owner.token()).code()).isEqualTo("VALIDATION_FAILED");
    }
}

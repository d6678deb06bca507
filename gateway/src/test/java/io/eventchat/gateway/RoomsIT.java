package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Every row of "Rooms and participants" in the API contract. */
class RoomsIT extends IntegrationTest {

    private static List<JsonNode> items(Api.Response response) {
        return StreamSupport.stream(response.json().path("items").spliterator(), false).toList();
    }

    private static JsonNode roomIn(Api.Response list, String roomId) {
        return items(list).stream().filter(r -> r.path("id").asString().equals(roomId)).findFirst().orElse(null);
    }

    @Test
    void groupRoomLifecycle() {
        Api.Session owner = api.register("owner");
        Api.Session member = api.register("member");
        Api.Session newcomer = api.register("newcomer");
        String roomId = groupRoom(owner, member.id());

        JsonNode room = api.get("/api/rooms/" + roomId, member.token()).json();
        assertThat(room.path("type").asString()).isEqualTo("GROUP");
        assertThat(room.path("createdBy").asString()).isEqualTo(owner.id().toString());
        assertThat(room.path("participants")).hasSize(2);
        assertThat(room.path("participants").get(0).path("username").asString()).isEqualTo(owner.username());
        assertThat(room.path("participants").get(0).path("role").asString()).isEqualTo("OWNER");
        assertThat(room.path("participants").get(1).path("online").asBoolean()).isFalse();

        Api.Response renamedByMember = api.request("PATCH", "/api/rooms/" + roomId, Map.of("name", "Mine"), member.token());
        assertThat(renamedByMember.status()).isEqualTo(403);
        assertThat(renamedByMember.code()).isEqualTo("NOT_ALLOWED");
        Api.Response renamed = api.request("PATCH", "/api/rooms/" + roomId, Map.of("name", " Lunch "), owner.token());
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("Lunch");

        String participants = "/api/rooms/" + roomId + "/participants";
        assertThat(api.post(participants, Map.of("userId", newcomer.id()), member.token()).code()).isEqualTo("NOT_ALLOWED");
        Api.Response added = api.post(participants, Map.of("userId", newcomer.id()), owner.token());
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("userId").asString()).isEqualTo(newcomer.id().toString());
        assertThat(added.json().path("username").asString()).isEqualTo(newcomer.username());
        Api.Response again = api.post(participants, Map.of("userId", newcomer.id()), owner.token());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ALREADY_PARTICIPANT");
        assertThat(api.post(participants, Map.of("userId", UUID.randomUUID()), owner.token()).code())
                .isEqualTo("USER_NOT_FOUND");
        assertThat(api.request("DELETE", participants + "/" + owner.id(), member.token()).code()).isEqualTo("NOT_ALLOWED");

        Api.Response promoted = api.request("PATCH", participants + "/" + member.id(), Map.of("role", "ADMIN"),
                owner.token());
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.json().path("role").asString()).isEqualTo("ADMIN");
        assertThat(api.request("PATCH", "/api/rooms/" + roomId, Map.of("name", "Admins rule"), member.token()).status())
                .isEqualTo(200);

        Api.Response list = eventually(() -> api.get(participants, owner.token()), r -> items(r).size() == 3);
        assertThat(items(list)).extracting(p -> p.path("username").asString())
                .containsExactly(owner.username(), member.username(), newcomer.username());

        assertThat(api.request("DELETE", participants + "/" + newcomer.id(), newcomer.token()).status()).isEqualTo(204);
        Api.Response postAfterLeaving = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "hi?"),
                newcomer.token());
        assertThat(postAfterLeaving.status()).isEqualTo(403);
        assertThat(postAfterLeaving.code()).isEqualTo("NOT_A_PARTICIPANT");
        eventually(() -> api.get("/api/rooms/" + roomId, newcomer.token()), r -> r.status() == 403);
        assertThat(api.request("DELETE", participants + "/" + newcomer.id(), owner.token()).code())
                .isEqualTo("NOT_A_PARTICIPANT");
    }

    @Test
    void roomListShowsLastMessageUnreadCountsAndActivityOrder() {
        Api.Session reader = api.register("reader");
        Api.Session writer = api.register("writer");
        String quiet = groupRoom(reader, writer.id());
        String busy = groupRoom(writer, reader.id());
        post(writer, busy, "one");
        JsonNode second = post(writer, busy, "two");
        post(writer, busy, "three");
        post(reader, busy, "mine do not count");

        // the list joins two projections (rooms, messages) that follow the event store independently
        Api.Response list = eventually(() -> api.get("/api/rooms", reader.token()),
                r -> roomIn(r, busy) != null && roomIn(r, busy).path("unreadCount").asLong() == 3
                        && roomIn(r, busy).path("lastSeq").asLong() == 7
                        && "mine do not count".equals(roomIn(r, busy).path("lastMessage").path("content").asString()));
        assertThat(items(list).get(0).path("id").asString()).isEqualTo(busy);
        assertThat(roomIn(list, quiet)).isNotNull();
        JsonNode busyRoom = roomIn(list, busy);
        assertThat(busyRoom.path("participantCount").asInt()).isEqualTo(2);
        assertThat(busyRoom.path("lastMessage").path("content").asString()).isEqualTo("mine do not count");
        assertThat(busyRoom.path("lastSeq").asLong()).isEqualTo(7);

        assertThat(api.post("/api/rooms/" + busy + "/read", Map.of("upToSeq", second.path("seq").asLong()),
                reader.token()).status()).isEqualTo(204);
        eventually(() -> api.get("/api/rooms", reader.token()), r -> roomIn(r, busy).path("unreadCount").asLong() == 1);
        Api.Response beyond = api.post("/api/rooms/" + busy + "/read", Map.of("upToSeq", 999), reader.token());
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.code()).isEqualTo("INVALID_RECEIPT");
        Api.Response participants = eventually(() -> api.get("/api/rooms/" + busy + "/participants", writer.token()),
                r -> items(r).stream().anyMatch(p -> p.path("lastReadSeq").asLong() == second.path("seq").asLong()));
        assertThat(participants.status()).isEqualTo(200);
    }

    @Test
    void directRoomsExistOncePerPair() {
        Api.Session alice = api.register("alice");
        Api.Session bob = api.register("bob");
        Api.Response created = api.post("/api/rooms", Map.of("type", "DIRECT", "participantIds", List.of(bob.id())),
                alice.token());
        assertThat(created.status()).isEqualTo(201);
        String roomId = created.json().path("id").asString();
        Api.Response again = api.post("/api/rooms", Map.of("type", "DIRECT", "participantIds", List.of(bob.id())),
                alice.token());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asString()).isEqualTo(roomId);
        Api.Response fromBob = api.post("/api/rooms", Map.of("type", "DIRECT", "participantIds", List.of(alice.id())),
                bob.token());
        assertThat(fromBob.status()).isEqualTo(200);
        assertThat(fromBob.json().path("id").asString()).isEqualTo(roomId);

        Api.Response list = eventually(() -> api.get("/api/rooms", bob.token()), r -> roomIn(r, roomId) != null);
        assertThat(roomIn(list, roomId).path("name").asString()).isEqualTo(alice.username());
        // the other person and whether they are connected, for the list's presence dot
        assertThat(roomIn(list, roomId).path("peerId").asString()).isEqualTo(alice.id().toString());
        assertThat(roomIn(list, roomId).path("online").isBoolean()).isTrue();
        assertThat(roomIn(list, roomId).path("online").asBoolean()).isFalse();
        String group = groupRoom(bob, alice.id());
        Api.Response withGroup = eventually(() -> api.get("/api/rooms", bob.token()), r -> roomIn(r, group) != null);
        assertThat(roomIn(withGroup, group).path("peerId").isNull()).isTrue();
        assertThat(api.get("/api/rooms/" + roomId, bob.token()).json().path("name").asString())
                .isEqualTo(alice.username());

        assertThat(api.post("/api/rooms/" + roomId + "/participants", Map.of("userId", api.register("third").id()),
                alice.token()).code()).isEqualTo("DIRECT_ROOM_FIXED");
        assertThat(api.post("/api/rooms", Map.of("type", "DIRECT", "participantIds", List.of(bob.id(),
                UUID.randomUUID())), alice.token()).code()).isEqualTo("INVALID_PARTICIPANTS");
    }

    @Test
    void bothUsersCreatingTheirDirectRoomAtOnceGetTheSameRoom() {
        Api.Session alice = api.register("simul_a");
        Api.Session bob = api.register("simul_b");
        List<CompletableFuture<Api.Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Api.Session from = i % 2 == 0 ? alice : bob;
            UUID to = i % 2 == 0 ? bob.id() : alice.id();
            attempts.add(CompletableFuture.supplyAsync(() -> api.post("/api/rooms",
                    Map.of("type", "DIRECT", "participantIds", List.of(to)), from.token())));
        }
        List<Api.Response> responses = attempts.stream().map(CompletableFuture::join).toList();
        assertThat(responses).allMatch(r -> r.status() == 200 || r.status() == 201);
        assertThat(responses.stream().filter(r -> r.status() == 201).count()).isEqualTo(1);
        Set<String> ids = responses.stream().map(r -> r.json().path("id").asString()).collect(Collectors.toSet());
        assertThat(ids).hasSize(1);
    }

    @Test
    void deletedRoomDisappearsFromEveryReadApi() {
        Api.Session owner = api.register("deleter");
        Api.Session member = api.register("bystander");
        String roomId = groupRoom(owner, member.id());
        String messageId = post(owner, roomId, "soon gone").path("id").asString();
        assertThat(api.request("DELETE", "/api/rooms/" + roomId, member.token()).code()).isEqualTo("NOT_ALLOWED");
        assertThat(api.request("DELETE", "/api/rooms/" + roomId, owner.token()).status()).isEqualTo(204);

        eventually(() -> api.get("/api/rooms/" + roomId, member.token()), r -> r.status() == 404);
        assertThat(api.get("/api/rooms/" + roomId + "/messages", member.token()).code()).isEqualTo("ROOM_NOT_FOUND");
        assertThat(api.get("/api/rooms/" + roomId + "/messages/recent", member.token()).code()).isEqualTo("ROOM_NOT_FOUND");
        assertThat(api.get("/api/rooms/" + roomId + "/events", member.token()).code()).isEqualTo("ROOM_NOT_FOUND");
        assertThat(api.get("/api/messages/" + messageId, member.token()).code()).isEqualTo("MESSAGE_NOT_FOUND");
        assertThat(roomIn(api.get("/api/rooms", member.token()), roomId)).isNull();
        Api.Response post = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "echo"), owner.token());
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.code()).isEqualTo("ROOM_NOT_FOUND");
    }

    @Test
    void anAppAdminDeletesAnyRoom() {
        Api.Session owner = api.register("ownerx");
        String roomId = groupRoom(owner);
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        assertThat(api.request("DELETE", "/api/rooms/" + roomId, admin.token()).status()).isEqualTo(204);
        eventually(() -> api.get("/api/rooms/" + roomId, owner.token()), r -> r.status() == 404);
    }

    @Test
    void outsidersSeeNothingOfARoom() {
        Api.Session owner = api.register("keeper");
        Api.Session outsider = api.register("peeker");
        String roomId = groupRoom(owner);
        String messageId = post(owner, roomId, "secret plans").path("id").asString();
        eventually(() -> api.get("/api/rooms/" + roomId + "/messages", owner.token()),
                r -> items(r).size() == 1);
        for (String path : List.of("", "/participants", "/messages", "/messages/recent", "/events")) {
            Api.Response response = api.get("/api/rooms/" + roomId + path, outsider.token());
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.code()).as(path).isEqualTo("NOT_A_PARTICIPANT");
            assertThat(response.body()).doesNotContain("secret plans");
        }
        Api.Response message = api.get("/api/messages/" + messageId, outsider.token());
        assertThat(message.status()).isEqualTo(403);
        assertThat(message.body()).doesNotContain("secret plans");
        assertThat(api.request("PATCH", "/api/rooms/" + roomId, Map.of("name", "x"), outsider.token()).code())
                .isEqualTo("NOT_A_PARTICIPANT");
        assertThat(api.post("/api/rooms/" + roomId + "/read", Map.of("upToSeq", 1), outsider.token()).code())
                .isEqualTo("NOT_A_PARTICIPANT");
    }

    @Test
    void eventsCatchUpWithEveryFrameInOrder() {
        Api.Session owner = api.register("chronicler");
        Api.Session member = api.register("witness");
        String roomId = groupRoom(owner, member.id());
        String messageId = post(owner, roomId, "first").path("id").asString();
        api.request("PATCH", "/api/messages/" + messageId, Map.of("content", "first, edited"), owner.token());
        api.request("DELETE", "/api/messages/" + messageId, owner.token());
        api.request("PATCH", "/api/rooms/" + roomId, Map.of("name", "Renamed"), owner.token());

        Api.Response all = eventually(() -> api.get("/api/rooms/" + roomId + "/events?after=0", member.token()),
                r -> items(r).size() == 7);
        assertThat(items(all)).extracting(f -> f.path("type").asString()).containsExactly("room.created",
                "participant.added", "participant.added", "message.posted", "message.edited", "message.deleted",
                "room.renamed");
        assertThat(items(all)).extracting(f -> f.path("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        JsonNode posted = items(all).get(3);
        assertThat(posted.path("roomId").asString()).isEqualTo(roomId);
        assertThat(posted.path("data").path("content").asString()).isEqualTo("first");
        assertThat(posted.path("data").path("senderUsername").asString()).isEqualTo(owner.username());
        assertThat(items(all).get(4).path("data").path("content").asString()).isEqualTo("first, edited");

        Api.Response page = api.get("/api/rooms/" + roomId + "/events?after=4&limit=2", member.token());
        assertThat(items(page)).extracting(f -> f.path("seq").asLong()).containsExactly(5L, 6L);
        assertThat(page.json().path("nextCursor").asLong()).isEqualTo(6);
        assertThat(api.get("/api/rooms/" + roomId + "/events?after=-1", member.token()).code())
                .isEqualTo("VALIDATION_FAILED");
    }
}

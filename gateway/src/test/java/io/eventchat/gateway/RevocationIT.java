package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.StompClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation has no window: once leave, removal, room deletion, deactivation or a role change has answered 2xx, the
 * very next request of the affected user is judged by the new state, and no frame of what happens afterwards reaches
 * them. Each case runs many times, the requests fired right after the answer, after reads that warmed every cache.
 */
class RevocationIT extends IntegrationTest {

    private static final int ROUNDS = 12;

    @Test
    void aRemovedParticipantReadsNothingMoreAtOnce() throws Exception {
        Api.Session owner = api.register("rev_owner");
        for (int round = 0; round < ROUNDS; round++) {
            Api.Session bob = api.register("rev_removed");
            String roomId = groupRoom(owner, bob.id());
            post(owner, roomId, "before");
            try (StompClient socket = StompClient.connect(port, bob.token())) {
                BlockingQueue<JsonNode> frames = socket.subscribe("/topic/rooms/" + roomId, 0L);
                warm(bob, roomId);

                assertThat(api.request("DELETE", "/api/rooms/" + roomId + "/participants/" + bob.id(), owner.token())
                        .status()).isEqualTo(204);
                assertShutOut(bob, roomId, "NOT_A_PARTICIPANT", 403);

                post(owner, roomId, "after");
                assertNoFrameOf(frames, "after");
            }
        }
    }

    @Test
    void aParticipantWhoLeftReadsNothingMoreAtOnce() throws Exception {
        Api.Session owner = api.register("rev_stay");
        for (int round = 0; round < ROUNDS; round++) {
            Api.Session bob = api.register("rev_leaver");
            String roomId = groupRoom(owner, bob.id());
            try (StompClient socket = StompClient.connect(port, bob.token())) {
                BlockingQueue<JsonNode> frames = socket.subscribe("/topic/rooms/" + roomId, 0L);
                warm(bob, roomId);

                assertThat(api.request("DELETE", "/api/rooms/" + roomId + "/participants/" + bob.id(), bob.token())
                        .status()).isEqualTo(204);
                assertShutOut(bob, roomId, "NOT_A_PARTICIPANT", 403);

                post(owner, roomId, "after");
                assertNoFrameOf(frames, "after");
            }
        }
    }

    @Test
    void aDeletedRoomIsGoneForEveryoneAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Api.Session owner = api.register("rev_deleter");
            Api.Session bob = api.register("rev_member");
            String roomId = groupRoom(owner, bob.id());
            post(owner, roomId, "before");
            warm(bob, roomId);
            warm(owner, roomId);

            assertThat(api.request("DELETE", "/api/rooms/" + roomId, owner.token()).status()).isEqualTo(204);
            assertShutOut(bob, roomId, "ROOM_NOT_FOUND", 404);
            assertShutOut(owner, roomId, "ROOM_NOT_FOUND", 404);
        }
    }

    @Test
    void aDeactivatedAccountIsRefusedAtOnceAndItsSessionsEnd() throws Exception {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session owner = api.register("rev_keeper");
        for (int round = 0; round < ROUNDS; round++) {
            Api.Session bob = api.register("rev_deactivated");
            String roomId = groupRoom(owner, bob.id());
            try (StompClient socket = StompClient.connect(port, bob.token())) {
                BlockingQueue<JsonNode> frames = socket.subscribe("/topic/rooms/" + roomId, 0L);
                warm(bob, roomId);

                Api.Response deactivated = round % 2 == 0
                        ? api.request("PATCH", "/api/admin/users/" + bob.id(), Map.of("active", false), admin.token())
                        : api.request("DELETE", "/api/users/me", bob.token());
                assertThat(deactivated.status()).isBetween(200, 204);
                Api.Response next = api.get("/api/rooms/" + roomId + "/messages", bob.token());
                assertThat(next.status()).isEqualTo(403);
                assertThat(next.code()).isEqualTo("ACCOUNT_DEACTIVATED");
                assertThat(api.get("/api/users/me", bob.token()).status()).isEqualTo(403);

                post(owner, roomId, "after");
                assertNoFrameOf(frames, "after");
                assertThat(socket.awaitClosed(Duration.ofSeconds(5))).as("the session ended").isTrue();
            }
        }
    }

    @Test
    void aChangedRoleCountsFromTheNextRequest() {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session user = api.register("rev_role");
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(api.request("PATCH", "/api/admin/users/" + user.id(), Map.of("role", "ADMIN"), admin.token())
                    .status()).isEqualTo(200);
            assertThat(api.get("/api/admin/users", user.token()).status()).as("promoted").isEqualTo(200);
            assertThat(api.request("PATCH", "/api/admin/users/" + user.id(), Map.of("role", "USER"), admin.token())
                    .status()).isEqualTo(200);
            assertThat(api.get("/api/admin/users", user.token()).status()).as("demoted").isEqualTo(403);
        }
    }

    /** Reads the room every way a client can, so that whatever a node caches about it is cached. */
    private void warm(Api.Session user, String roomId) {
        assertThat(api.get("/api/rooms/" + roomId, user.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/rooms/" + roomId + "/messages", user.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/rooms/" + roomId + "/messages/recent", user.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/rooms/" + roomId + "/events?after=0", user.token()).status()).isEqualTo(200);
        assertThat(roomIds(user)).contains(roomId);
    }

    /** Every read of the room, and a post into it, refused with {@code code}; the room gone from the room list. */
    private void assertShutOut(Api.Session user, String roomId, String code, int status) {
        for (String path : List.of("/api/rooms/" + roomId, "/api/rooms/" + roomId + "/messages",
                "/api/rooms/" + roomId + "/messages/recent", "/api/rooms/" + roomId + "/events?after=0",
                "/api/rooms/" + roomId + "/participants", "/api/rooms/" + roomId + "/audit")) {
            Api.Response read = api.get(path, user.token());
            assertThat(read.status()).as(path).isEqualTo(status);
            assertThat(read.code()).as(path).isEqualTo(code);
        }
        Api.Response posted = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "still here?"),
                user.token());
        assertThat(posted.status()).isEqualTo(status);
        assertThat(roomIds(user)).doesNotContain(roomId);
    }

    private List<String> roomIds(Api.Session user) {
        Api.Response rooms = api.get("/api/rooms", user.token());
        assertThat(rooms.status()).isEqualTo(200);
        return StreamSupport.stream(rooms.json().path("items").spliterator(), false)
                .map(room -> room.path("id").asString()).toList();
    }

    /** No {@code message.posted} frame with this content arrives within a second. */
    private static void assertNoFrameOf(BlockingQueue<JsonNode> frames, String content) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            JsonNode frame = frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame != null) {
                assertThat(frame.path("data").path("content").asString(""))
                        .as("a frame of what happened after the revocation").isNotEqualTo(content);
            }
        }
    }
}

package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.api.push.PresenceKeys;
import io.eventchat.gateway.support.StompClient;
import io.eventchat.gateway.support.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.WebSocketHttpHeaders;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static io.eventchat.gateway.support.StompClient.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Real-time push over STOMP, exactly as a client uses it. */
class PushIT extends IntegrationTest {

    private static String topic(String roomId) {
        return "/topic/rooms/" + roomId;
    }

    @Test
    void aPostedMessageIsPushedOnlyOnceTheReadModelShowsIt() throws Exception {
        Api.Session alice = api.register("push_a");
        Api.Session bob = api.register("push_b");
        String roomId = groupRoom(alice, bob.id());
        try (StompClient bobSocket = StompClient.connect(port, bob.token())) {
            // as a client does: subscribe from the last seq it has seen (the room's three creation events)
            BlockingQueue<JsonNode> frames = bobSocket.subscribe(topic(roomId), 3L);
            Thread.sleep(1000); // let the server register the subscriptions
            String messageId = post(alice, roomId, "live hello").path("id").asString();
            JsonNode frame = next(frames);
            assertThat(frame.path("type").asString()).isEqualTo("message.posted");
            assertThat(frame.path("roomId").asString()).isEqualTo(roomId);
            assertThat(frame.path("seq").asLong()).isEqualTo(4);
            assertThat(frame.path("at").asString()).isNotBlank();
            assertThat(frame.path("data").path("content").asString()).isEqualTo("live hello");
            assertThat(frame.path("data").path("senderUsername").asString()).isEqualTo(alice.username());
            // no waiting: the frame arrived after the projection committed
            assertThat(api.get("/api/messages/" + messageId, bob.token()).status()).isEqualTo(200);
            assertThat(api.get("/api/rooms/" + roomId + "/messages", bob.token()).body()).contains("live hello");
        }
    }

    @Test
    void missingOrBadTokensAreRefused() {
        Api.Session user = api.register("push_token");
        for (String token : new String[]{null, "garbage", user.token().substring(0, user.token().length() - 4)}) {
            BlockingQueue<String> errors = new LinkedBlockingQueue<>();
            assertThatThrownBy(() -> StompClient.connect(port, token, errors)).as(String.valueOf(token)).isNotNull();
            assertThat(errors.stream().anyMatch(e -> e.contains("UNAUTHENTICATED") || e.contains("INVALID_TOKEN")))
                    .as("%s: %s", token, errors).isTrue();
        }
    }

    @Test
    void aDeactivatedAccountCanNeitherConnectNorSubscribeAnyMore() throws Exception {
        Api.Session user = api.register("push_quit");
        String roomId = groupRoom(user);
        try (StompClient socket = StompClient.connect(port, user.token())) {
            assertThat(api.request("DELETE", "/api/users/me", user.token()).status()).isEqualTo(204);
            // the session outlives the check at CONNECT, but it may not act for the account any more
            socket.subscribe(topic(roomId), 0L);
            await().atMost(Duration.ofSeconds(5)).until(() -> !socket.errors().isEmpty());
            assertThat(socket.errors().peek()).contains("ACCOUNT_DEACTIVATED");
        }
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        assertThatThrownBy(() -> StompClient.connect(port, user.token(), errors)).isNotNull();
        assertThat(errors).anyMatch(e -> e.contains("ACCOUNT_DEACTIVATED"));
    }

    @Test
    void anOutsidersSubscriptionIsRefusedAndReceivesNothing() throws Exception {
        Api.Session owner = api.register("push_owner");
        Api.Session outsider = api.register("push_out");
        String roomId = groupRoom(owner);
        try (StompClient socket = StompClient.connect(port, outsider.token())) {
            BlockingQueue<JsonNode> frames = socket.subscribe(topic(roomId), 0L);
            await().atMost(Duration.ofSeconds(5)).until(() -> !socket.errors().isEmpty());
            assertThat(socket.errors().peek()).contains("NOT_A_PARTICIPANT");
            post(owner, roomId, "not for outsiders");
            assertThat(frames.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void aRemovedParticipantStopsReceivingAtOnce() throws Exception {
        Api.Session owner = api.register("push_boss");
        Api.Session member = api.register("push_gone");
        String roomId = groupRoom(owner, member.id());
        try (StompClient socket = StompClient.connect(port, member.token())) {
            BlockingQueue<JsonNode> frames = socket.subscribe(topic(roomId), 3L);
            BlockingQueue<JsonNode> personal = socket.subscribe("/user/queue/events", null);
            Thread.sleep(1000); // let the server register the subscriptions
            assertThat(api.request("DELETE", "/api/rooms/" + roomId + "/participants/" + member.id(), owner.token())
                    .status()).isEqualTo(204);
            assertThat(next(frames).path("type").asString()).isEqualTo("participant.removed");
            // no waiting: by the time the frame arrives, every read model shows the change
            assertThat(api.get("/api/rooms/" + roomId + "/participants", owner.token()).body())
                    .doesNotContain(member.id().toString());
            assertThat(api.get("/api/rooms/" + roomId, member.token()).status()).isEqualTo(403);
            assertThat(next(personal).path("type").asString()).isEqualTo("participant.removed");
            post(owner, roomId, "after you left");
            assertThat(frames.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void resumingWithSinceSeqReplaysEverythingMissedWithNoGapOrDuplicate() throws Exception {
        Api.Session alice = api.register("resume_a");
        Api.Session bob = api.register("resume_b");
        String roomId = groupRoom(alice, bob.id());
        long lastSeen;
        try (StompClient first = StompClient.connect(port, bob.token())) {
            BlockingQueue<JsonNode> frames = first.subscribe(topic(roomId), 3L);
            Thread.sleep(1000); // let the server register the subscriptions
            for (int i = 1; i <= 3; i++) {
                post(alice, roomId, "before " + i);
            }
            lastSeen = next(frames, 3).get(2).path("seq").asLong();
        }
        for (int i = 1; i <= 3; i++) {
            post(alice, roomId, "while away " + i);
        }
        CompletableFuture<Void> meanwhile = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 10; i++) {
                post(bob, roomId, "during the switch " + i);
            }
        });
        try (StompClient second = StompClient.connect(port, bob.token())) {
            BlockingQueue<JsonNode> frames = second.subscribe(topic(roomId), lastSeen);
            meanwhile.get(20, TimeUnit.SECONDS);
            List<Long> seqs = new ArrayList<>();
            for (JsonNode frame : next(frames, 13)) {
                seqs.add(frame.path("seq").asLong());
            }
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(lastSeen + 1, lastSeen + 13).boxed().toList());
            assertThat(frames.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void typingReachesTheOthersAndSaysWhenItExpires() throws Exception {
        Api.Session alice = api.register("typer");
        Api.Session bob = api.register("watcher");
        String roomId = groupRoom(alice, bob.id());
        try (StompClient aliceSocket = StompClient.connect(port, alice.token());
             StompClient bobSocket = StompClient.connect(port, bob.token())) {
            BlockingQueue<JsonNode> aliceFrames = aliceSocket.subscribe(topic(roomId), null);
            BlockingQueue<JsonNode> bobFrames = bobSocket.subscribe(topic(roomId), null);
            Thread.sleep(1000); // let the server register the subscriptions
            aliceSocket.send("/app/rooms/" + roomId + "/typing", "{\"typing\":true}");
            JsonNode typing = next(bobFrames);
            assertThat(typing.path("type").asString()).isEqualTo("typing");
            assertThat(typing.path("seq").isNull()).isTrue();
            assertThat(typing.path("data").path("userId").asString()).isEqualTo(alice.id().toString());
            Instant at = Instant.parse(typing.path("at").asString());
            assertThat(Instant.parse(typing.path("data").path("expiresAt").asString())).isEqualTo(at.plusSeconds(5));
            assertThat(aliceFrames.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(api.get("/api/rooms/" + roomId + "/events", bob.token()).body()).doesNotContain("typing");
        }
    }

    @Test
    void presenceCountsDevicesOnceAndTellsContacts() throws Exception {
        Api.Session watcher = api.register("presence_w");
        Api.Session user = api.register("presence_u");
        api.request("PUT", "/api/contacts/" + user.id(), watcher.token());
        eventually(() -> api.get("/api/contacts", watcher.token()), r -> r.body().contains(user.username()));
        String presence = "/api/presence?userIds=" + user.id();
        try (StompClient watching = StompClient.connect(port, watcher.token())) {
            BlockingQueue<JsonNode> events = watching.subscribe("/user/queue/events", null);
            Thread.sleep(1000); // let the server register the subscriptions
            StompClient phone = StompClient.connect(port, user.token());
            JsonNode online = next(events);
            assertThat(online.path("type").asString()).isEqualTo("presence");
            assertThat(online.path("data").path("online").asBoolean()).isTrue();
            assertThat(api.get(presence, watcher.token()).json().path(user.id().toString()).asBoolean()).isTrue();
            // a direct chat with them shows it in the room list too
            Api.Session friend = api.register("presence_f");
            String direct = api.post("/api/rooms", Map.of("type", "DIRECT", "participantIds", List.of(user.id())),
                    friend.token()).json().path("id").asString();
            JsonNode listed = eventually(() -> api.get("/api/rooms", friend.token()).json().path("items"),
                    items -> items.toString().contains(direct));
            for (JsonNode room : listed) {
                if (direct.equals(room.path("id").asString())) {
                    assertThat(room.path("online").asBoolean()).as(room.toString()).isTrue();
                }
            }
            StompClient laptop = StompClient.connect(port, user.token());
            phone.close();
            Thread.sleep(500);
            assertThat(api.get(presence, watcher.token()).json().path(user.id().toString()).asBoolean()).isTrue();
            laptop.close();
            JsonNode offline = next(events);
            assertThat(offline.path("data").path("online").asBoolean()).isFalse();
            assertThat(api.get(presence, watcher.token()).json().path(user.id().toString()).asBoolean()).isFalse();
            assertThat(api.get("/api/contacts", watcher.token()).json().path("items").get(0).path("online").asBoolean())
                    .isFalse();
        }
    }

    @Test
    void aSessionOfACrashedNodeStopsCountingWhenItExpires() {
        Api.Session watcher = api.register("crash_w");
        Api.Session user = api.register("crash_u");
        String key = PresenceKeys.of(user.id());
        io.lettuce.core.RedisClient redis = io.lettuce.core.RedisClient.create(TestServices.REDIS_URL);
        try (var connection = redis.connect()) {
            // a session its (crashed) node last renewed a minute ago
            connection.sync().zadd(key, System.currentTimeMillis() - 1000, "crashed-session");
            assertThat(api.get("/api/presence?userIds=" + user.id(), watcher.token()).json()
                    .path(user.id().toString()).asBoolean()).isFalse();
            connection.sync().zadd(key, System.currentTimeMillis() + PresenceKeys.SESSION_TTL_MILLIS, "live-session");
            assertThat(api.get("/api/presence?userIds=" + user.id(), watcher.token()).json()
                    .path(user.id().toString()).asBoolean()).isTrue();
            connection.sync().del(key);
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void otherOriginsAreRefusedAtTheHandshake() throws Exception {
        Api.Session user = api.register("origin");
        WebSocketHttpHeaders evil = new WebSocketHttpHeaders();
        evil.setOrigin("https://evil.example");
        assertThatThrownBy(() -> StompClient.connect(port, user.token(), new LinkedBlockingQueue<>(), evil))
                .isNotNull();
        WebSocketHttpHeaders ui = new WebSocketHttpHeaders();
        ui.setOrigin("http://localhost:3000");
        try (StompClient ok = StompClient.connect(port, user.token(), new LinkedBlockingQueue<>(), ui)) {
            assertThat(ok.connected()).isTrue();
        }
    }

    @Test
    void exceedingALimitGetsAnErrorFrame() throws Exception {
        Api.Session user = api.register("limits");
        String roomId = groupRoom(user);
        try (StompClient socket = StompClient.connect(port, user.token())) {
            for (int i = 0; i < 40; i++) {
                socket.send("/app/rooms/" + roomId + "/typing", "{\"typing\":true}");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> !socket.errors().isEmpty());
            assertThat(String.join(" ", socket.errors())).contains("RATE_LIMITED");
        }
        try (StompClient socket = StompClient.connect(port, user.token())) {
            socket.send("/app/rooms/" + roomId + "/typing", "{\"typing\":\"" + "x".repeat(70_000) + "\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> !socket.errors().isEmpty() || !socket.connected());
        }
        try (StompClient socket = StompClient.connect(port, user.token())) {
            try {
                for (int i = 0; i <= 200; i++) {
                    socket.subscribe("/user/queue/events", null);
                }
            } catch (org.springframework.messaging.MessageDeliveryException closedByTheServer) {
                // the server answered the 201st subscription with ERROR and closed the session
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> !socket.errors().isEmpty());
            assertThat(String.join(" ", socket.errors())).contains("LIMIT_EXCEEDED");
        }
        assertThat(api.get("/actuator/health", null).json().path("status").asString()).isEqualTo("UP");
        assertThat(api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "still fine"), user.token())
                .status()).isEqualTo(201);
    }
}

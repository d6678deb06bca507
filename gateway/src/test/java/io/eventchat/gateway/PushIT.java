package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.RawStompClient;
import io.eventchat.api.push.PresenceKeys;
import io.eventchat.gateway.support.StompClient;
import io.eventchat.gateway.support.TestServices;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.stomp.ConnectionLostException;
import org.springframework.web.socket.WebSocketHttpHeaders;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
            // the session outlives the check at CONNECT, but it may not act for the account any more: a SUBSCRIBE is
            // refused, unless the server has already ended the session (the deactivation is announced to every node)
            socket.trySubscribe(topic(roomId));
            await().atMost(Duration.ofSeconds(10)).until(() -> !socket.errors().isEmpty() || !socket.connected());
            if (!socket.errors().isEmpty()) {
                assertThat(socket.errors().peek()).contains("ACCOUNT_DEACTIVATED");
            }
            assertThat(socket.awaitClosed(Duration.ofSeconds(10))).isTrue();
        }
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        assertThatThrownBy(() -> StompClient.connect(port, user.token(), errors)).isNotNull();
        assertThat(errors).anyMatch(e -> e.contains("ACCOUNT_DEACTIVATED"));
    }

    @Test
    void anAccountDeactivatedWhileSubscribedStopsReceivingAndItsSessionsEnd() throws Exception {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session owner = api.register("push_keeps");
        Api.Session leaving = api.register("push_ended");
        String roomId = groupRoom(owner, leaving.id());
        try (StompClient ownerSocket = StompClient.connect(port, owner.token());
             StompClient first = StompClient.connect(port, leaving.token());
             StompClient second = StompClient.connect(port, leaving.token())) {
            BlockingQueue<JsonNode> ownerFrames = ownerSocket.subscribe(topic(roomId), null);
            BlockingQueue<JsonNode> frames = first.subscribe(topic(roomId), null);
            second.subscribe(topic(roomId), null);
            post(owner, roomId, "before");
            assertThat(StompClient.next(frames).path("data").path("content").asString()).isEqualTo("before");

            assertThat(api.request("PATCH", "/api/admin/users/" + leaving.id(), Map.of("active", false),
                    admin.token()).status()).isEqualTo(200);
            assertThat(first.awaitClosed(Duration.ofSeconds(10))).as("the subscribed session ended").isTrue();
            assertThat(second.awaitClosed(Duration.ofSeconds(10))).as("every session of the account ended").isTrue();
            assertThat(ownerSocket.connected()).as("the others' sessions go on").isTrue();

            post(owner, roomId, "after");
            List<String> ownerContents = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (JsonNode frame = ownerFrames.poll(); frame != null; frame = ownerFrames.poll()) {
                    ownerContents.add(frame.path("data").path("content").asString());
                }
                assertThat(ownerContents).contains("after");
            });
            assertThat(frames).as("nothing after the deactivation").noneMatch(
                    frame -> "after".equals(frame.path("data").path("content").asString()));
        }
    }

        @Test
    void anExpiredTokenIsRefusedAtConnectWithAnErrorFrameAndTheConnectionCloses() {
        Api.Session user = api.register("push_expired");
        String expired = expiredTokenOf(user);
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        assertThatThrownBy(() -> StompClient.connect(port, expired, errors))
                .as("the server closes the connection instead of answering CONNECTED")
                .hasRootCauseInstanceOf(ConnectionLostException.class);
        assertThat(errors).hasSize(1).first().asString().startsWith("TOKEN_EXPIRED: The access token has expired.");
    }

    @Test
    void anOutsidersTypingIsRefusedAndReachesNobody() throws Exception {
        Api.Session owner = api.register("typing_owner");
        Api.Session outsider = api.register("typing_out");
        String roomId = groupRoom(owner);
        try (StompClient ownerSocket = StompClient.connect(port, owner.token());
             StompClient socket = StompClient.connect(port, outsider.token())) {
            BlockingQueue<JsonNode> frames = ownerSocket.subscribe(topic(roomId), null);
            Thread.sleep(1000); // let the server register the subscriptions
            socket.trySend("/app/rooms/" + roomId + "/typing", "{\"typing\":true}");
            assertRefused(socket, "NOT_A_PARTICIPANT: not a participant of room " + roomId);
            assertThat(frames.poll(1, TimeUnit.SECONDS)).as("no typing frame").isNull();
        }
    }

    @Test
    void subscriptionsOutsideTheRoomTopicsAndTheOwnQueueAreRefused() throws Exception {
        Api.Session user = api.register("sub_user");
        Api.Session other = api.register("sub_other");
        for (String destination : List.of("/topic/x", "/topic/rooms", "/user/" + other.id() + "/queue/events",
                "/queue/events", "/queue/events-user" + other.id(), "/app/rooms/" + UUID.randomUUID() + "/typing")) {
            try (StompClient socket = StompClient.connect(port, user.token())) {
                socket.trySubscribe(destination);
                assertRefused(socket, "FORBIDDEN: cannot subscribe to " + destination);
            }
        }
        // the other user's queue is theirs alone, reached only as /user/queue/events from their own session
        try (StompClient othersSocket = StompClient.connect(port, other.token())) {
            BlockingQueue<JsonNode> personal = othersSocket.subscribe("/user/queue/events", null);
            Thread.sleep(1000); // let the server register the subscriptions
            String roomId = groupRoom(user);
            api.post("/api/rooms/" + roomId + "/participants", Map.of("userId", other.id()), user.token());
            assertThat(next(personal).path("type").asString()).isEqualTo("participant.added");
        }
    }

    @Test
    void beingAddedToARoomAndItsDeletionArriveOnThePersonalQueue() throws Exception {
        Api.Session owner = api.register("queue_owner");
        Api.Session newcomer = api.register("queue_new");
        String roomId = groupRoom(owner);
        try (StompClient socket = StompClient.connect(port, newcomer.token())) {
            BlockingQueue<JsonNode> personal = socket.subscribe("/user/queue/events", null);
            Thread.sleep(1000); // let the server register the subscriptions
            assertThat(api.post("/api/rooms/" + roomId + "/participants", Map.of("userId", newcomer.id()),
                    owner.token()).status()).isEqualTo(201);
            JsonNode added = next(personal);
            assertThat(added.path("type").asString()).isEqualTo("participant.added");
            assertThat(added.path("roomId").asString()).isEqualTo(roomId);
            assertThat(added.path("seq").asLong()).isEqualTo(3);
            assertThat(added.path("data").path("userId").asString()).isEqualTo(newcomer.id().toString());
            // no waiting: the room is in the newcomer's list by the time the frame arrives
            assertThat(api.get("/api/rooms", newcomer.token()).body()).contains(roomId);

            assertThat(api.request("DELETE", "/api/rooms/" + roomId, owner.token()).status()).isEqualTo(204);
            JsonNode deleted = next(personal);
            assertThat(deleted.path("type").asString()).isEqualTo("room.deleted");
            assertThat(deleted.path("roomId").asString()).isEqualTo(roomId);
            assertThat(deleted.path("seq").asLong()).isEqualTo(4);
            assertThat(api.get("/api/rooms", newcomer.token()).body()).doesNotContain(roomId);
            assertThat(personal.poll(1, TimeUnit.SECONDS)).as("nothing else").isNull();
        }
    }

    @Test
    void presenceReachesRoomMembersWhoAreNoContacts() throws Exception {
        Api.Session member = api.register("presence_m");
        Api.Session user = api.register("presence_r");
        String roomId = groupRoom(member, user.id());
        eventually(() -> api.get("/api/rooms/" + roomId + "/participants", member.token()),
                r -> r.body().contains(user.id().toString()));
        assertThat(api.get("/api/contacts", member.token()).json().path("items")).as("no contacts").isEmpty();
        try (StompClient watching = StompClient.connect(port, member.token())) {
            BlockingQueue<JsonNode> personal = watching.subscribe("/user/queue/events", null);
            Thread.sleep(1000); // let the server register the subscriptions
            StompClient device = StompClient.connect(port, user.token());
            JsonNode online = next(personal);
            assertThat(online.path("type").asString()).isEqualTo("presence");
            assertThat(online.path("seq").isNull()).isTrue();
            assertThat(online.path("data").path("userId").asString()).isEqualTo(user.id().toString());
            assertThat(online.path("data").path("online").asBoolean()).isTrue();
            device.close();
            JsonNode offline = next(personal);
            assertThat(offline.path("data").path("userId").asString()).isEqualTo(user.id().toString());
            assertThat(offline.path("data").path("online").asBoolean()).isFalse();
        }
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
            // the room's subscription ended before the removal answered; the personal queue says why
            assertThat(api.get("/api/rooms/" + roomId, member.token()).status()).isEqualTo(403);
            JsonNode removed = next(personal);
            assertThat(removed.path("type").asString()).isEqualTo("participant.removed");
            // no waiting: by the time the frame arrives, every read model shows the change
            assertThat(api.get("/api/rooms/" + roomId + "/participants", owner.token()).body())
                    .doesNotContain(member.id().toString());
            post(owner, roomId, "after you left");
            assertThat(frames.poll(1, TimeUnit.SECONDS)).as("nothing more from the room").isNull();
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

    /**
     * A client that stops reading must not hold up anyone else on the node: a fast subscriber of the same room gets
     * every frame promptly while the silent one's unsent frames pile up, until it passes the send buffer limit
     * ({@code CHAT_WS_SEND_BUFFER_BYTES}, 512 KiB) and the server drops it. The silent client subscribes to the
     * room 20 times (a client may hold 200 subscriptions), so each post sends it 20 frames of about 12 KB (4000
     * three-byte characters): the kernel's socket buffers on the loopback (several MB) are full after some twenty
     * posts, and from then on every write to it blocks.
     */
    @Test
    void aClientThatStopsReadingIsDroppedWithoutHoldingUpTheOthers() throws Exception {
        Api.Session silent = api.register("slow_reader");
        Api.Session fast = api.register("fast_reader");
        List<Api.Session> posters = List.of(api.register("slow_post_a"), api.register("slow_post_b"),
                api.register("slow_post_c"));
        String roomId = groupRoom(posters.get(0), silent.id(), fast.id(), posters.get(1).id(), posters.get(2).id());
        String presence = "/api/presence?userIds=" + silent.id();
        String body = "€".repeat(3990);
        try (StompClient quick = StompClient.connect(port, fast.token());
             RawStompClient stuck = RawStompClient.connect(port, silent.token(),
                     java.util.Collections.nCopies(20, topic(roomId)).toArray(String[]::new))) {
            BlockingQueue<JsonNode> frames = quick.subscribe(topic(roomId), null);
            Thread.sleep(1000); // let the server register the subscriptions
            assertThat(api.get(presence, fast.token()).json().path(silent.id().toString()).asBoolean()).isTrue();
            boolean dropped = false;
            int posted = 0;
            while (!dropped && posted < 200) {
                String content = "frame " + posted + " " + body;
                post(posters.get(posted % 3), roomId, content);
                JsonNode frame = frames.poll(3, TimeUnit.SECONDS);
                assertThat(frame).as("frame %d reached the fast client within 3 s", posted).isNotNull();
                assertThat(frame.path("data").path("content").asString()).isEqualTo(content);
                posted++;
                dropped = !api.get(presence, fast.token()).json().path(silent.id().toString()).asBoolean();
            }
            assertThat(dropped).as("the silent client was dropped after %d frames", posted).isTrue();
            assertThat(posted).as("not before its buffers were full").isGreaterThan(512 * 1024 / (20 * 12_000));
            assertThat(stuck.closedByServer(Duration.ofSeconds(5))).as("its connection is closed").isTrue();
            assertThat(quick.connected()).isTrue();
            assertThat(quick.errors()).isEmpty();
        }
    }

    /**
     * Each limit is answered with exactly one ERROR frame carrying its code, then the server closes the session.
     * The server may close while the client is still writing (the rest of a burst, or of a large frame): that
     * write fails on the client's side, which {@link StompClient#trySend} accepts only because the session does end.
     */
    @Test
    void exceedingALimitGetsAnErrorFrameAndTheSessionEnds() throws Exception {
        Api.Session user = api.register("limits");
        Api.Session other = api.register("limits_other");
        String roomId = groupRoom(user, other.id());
        try (StompClient socket = StompClient.connect(port, user.token())) {
            // the bucket holds 2 s worth (20) of typing frames
            int sent = 0;
            while (sent < 100 && socket.trySend("/app/rooms/" + roomId + "/typing", "{\"typing\":true}")) {
                sent++;
            }
            assertRefused(socket, "RATE_LIMITED: at most 10 frames per second");
        }
        try (StompClient watcher = StompClient.connect(port, other.token());
             StompClient socket = StompClient.connect(port, user.token())) {
            BlockingQueue<JsonNode> typing = watcher.subscribe(topic(roomId), null);
            Thread.sleep(1000); // let the server register the subscriptions
            // a frame above the container's 16 KiB message buffer but within the 64 KiB frame limit goes through
            String large = "{\"typing\":true,\"note\":\"" + "x".repeat(60_000) + "\"}";
            assertThat(socket.trySend("/app/rooms/" + roomId + "/typing", large)).isTrue();
            assertThat(next(typing).path("type").asString()).isEqualTo("typing");
            assertThat(socket.connected()).isTrue();
            assertThat(socket.errors()).isEmpty();

            socket.trySend("/app/rooms/" + roomId + "/typing", "{\"typing\":\"" + "x".repeat(70_000) + "\"}");
            assertRefused(socket, "LIMIT_EXCEEDED: a STOMP frame is at most 65536 bytes");
        }
        try (StompClient socket = StompClient.connect(port, user.token())) {
            int subscribed = 0;
            while (subscribed < 300 && socket.trySubscribe("/user/queue/events")) {
                subscribed++;
            }
            assertRefused(socket, "LIMIT_EXCEEDED: at most 200 subscriptions per session");
            assertThat(subscribed).isGreaterThanOrEqualTo(201);
        }
        assertThat(api.get("/actuator/health", null).json().path("status").asString()).isEqualTo("UP");
        assertThat(api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "still fine"), user.token())
                .status()).isEqualTo(201);
    }

    /** Exactly one ERROR frame, starting with {@code message}, and the session closed by the server. */
    private static void assertRefused(StompClient socket, String message) {
        // if the frame is missing, the message says whether the session was still open and what the transport saw
        // (that is how a lost ERROR frame was found: StompBrokerConfiguration)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(socket.errors())
                .as(() -> "ERROR frames; session connected: " + socket.connected() + ", transport errors so far: "
                        + StompClient.TRANSPORT_ERRORS)
                .isNotEmpty());
        assertThat(socket.awaitClosed(Duration.ofSeconds(10))).as("the server closed the session").isTrue();
        assertThat(socket.errors()).as("ERROR frames").hasSize(1).first().asString().startsWith(message);
    }
}

package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.ReadModels;
import io.eventchat.gateway.support.SampleFiles;
import io.eventchat.gateway.support.TestServices;
import io.eventchat.gateway.support.Uploads;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Projection administration: a rebuild runs from the event store into shadow tables while the API keeps serving,
 * swaps them in once caught up, never re-sends a push, and leaves exactly the tables a fresh replay gives.
 */
class RebuildIT extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void rebuildingEveryProjectionUnderConcurrentPostingGivesWhatAFreshReplayGives() throws Exception {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session alice = api.register("rebuild_a");
        Api.Session bob = api.register("rebuild_b");
        api.request("PUT", "/api/contacts/" + bob.id(), alice.token());
        String roomId = groupRoom(alice, bob.id());
        String fileId = new Uploads(port).upload("pic.png", "image/png", SampleFiles.image("png", 8, 8), alice.token())
                .json().path("id").asString();
        assertThat(api.post("/api/rooms/" + roomId + "/messages",
                Map.of("content", "with a picture", "attachmentIds", List.of(fileId)), alice.token()).status())
                .isEqualTo(201);
        // edits, deletes and restores right behind their posts, and a deleted room: a rebuild batches its inserts,
        // so these read and change rows it has only queued
        String edited = post(alice, roomId, "before the edit").path("id").asString();
        String deleted = post(bob, roomId, "to be deleted").path("id").asString();
        String restored = post(bob, roomId, "to be deleted and restored").path("id").asString();
        assertThat(api.request("PATCH", "/api/messages/" + edited, Map.of("content", "after the edit"),
                alice.token()).status()).isEqualTo(200);
        assertThat(api.request("DELETE", "/api/messages/" + deleted, bob.token()).status()).isEqualTo(204);
        assertThat(api.request("DELETE", "/api/messages/" + restored, bob.token()).status()).isEqualTo(204);
        assertThat(api.post("/api/messages/" + restored + "/restore", Map.of(), bob.token()).status()).isEqualTo(200);
        String goneRoom = groupRoom(alice, bob.id());
        post(alice, goneRoom, "in a room about to go");
        assertThat(api.request("DELETE", "/api/rooms/" + goneRoom, alice.token()).status()).isEqualTo(204);

        Map<String, Integer> pushes = new ConcurrentHashMap<>();
        RedisClient redis = RedisClient.create(TestServices.REDIS_URL);
        ExecutorService posting = Executors.newSingleThreadExecutor();
        try (StatefulRedisPubSubConnection<String, String> channel = redis.connectPubSub()) {
            channel.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String name, String message) {
                    JsonNode frame = Api.JSON.readTree(message).path("frame");
                    // other applications on the same Redis publish on the channel too
                    if ("message.posted".equals(frame.path("type").asString())
                            && TestServices.isRoomOfThisSuite(frame.path("roomId").asString())) {
                        pushes.merge(frame.path("data").path("id").asString(), 1, Integer::sum);
                    }
                }
            });
            channel.sync().subscribe(TestServices.PUSH_CHANNEL);

            // posts keep coming while every projection is rebuilt, one after the other
            AtomicBoolean stop = new AtomicBoolean();
            List<String> posted = new CopyOnWriteArrayList<>();
            Future<?> poster = posting.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    posted.add(post(i % 2 == 0 ? alice : bob, roomId, "during rebuilds " + i).path("id").asString());
                    Thread.sleep(60); // within the per-user write rate limit
                }
                return null;
            });
            for (String group : ReadModels.GROUPS) {
                Api.Response started = api.post("/api/admin/projections/" + group + "/rebuild", Map.of(),
                        admin.token());
                assertThat(started.status()).as(started.body()).isEqualTo(202);
                awaitRebuilt(admin, group);
            }
            stop.set(true);
            poster.get();
            assertThat(posted).hasSizeGreaterThan(5);

            Map<String, List<List<Object>>> rebuilt = ReadModels.settledSnapshot(processing);
            // no message lost: every post is readable, in the room's history
            List<String> history = StreamSupport.stream(api.get("/api/rooms/" + roomId + "/messages?limit=200",
                    alice.token()).json().path("items").spliterator(), false)
                    .map(item -> item.path("id").asString()).toList();
            assertThat(history).containsAll(posted);
            // every post pushed exactly once: the rebuilds re-sent nothing and swallowed nothing
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pushes.keySet()).containsAll(posted));
            Thread.sleep(500);
            assertThat(pushes.entrySet().stream().filter(e -> e.getValue() != 1).toList()).isEmpty();

            // the rebuilt tables are exactly what a fresh replay into empty tables gives
            ReadModels.replay(processing, true);
            // an event no projection handles, so that "past the head" is true only of the restarted processors
            assertThat(api.post("/api/users/me/password", Map.of("currentPassword", Api.passwordOf(bob.username()),
                    "newPassword", "marker-" + UUID.randomUUID()), bob.token()).status()).isEqualTo(204);
            Map<String, List<List<Object>>> replayed = ReadModels.settledSnapshot(processing);
            for (String table : ReadModels.TABLES.keySet()) {
                assertThat(rebuilt.get(table)).as(table).isEqualTo(replayed.get(table));
            }
        } finally {
            posting.shutdownNow();
            redis.shutdown();
        }
    }

    @Test
    void aRunningRebuildShowsItsProgressAndASecondOneIsRefused() throws Exception {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        api.register("rebuild_progress");
        // hold the swap back: the test takes the contacts projection's rebuild lock itself
        try (Connection holder = TestServices.connect(); Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(hashtext('projection:contacts'))");
            assertThat(api.post("/api/admin/projections/contacts/rebuild", Map.of(), admin.token()).status())
                    .isEqualTo(202);
            Api.Response again = api.post("/api/admin/projections/contacts/rebuild", Map.of(), admin.token());
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.code()).isEqualTo("REBUILD_RUNNING");
            JsonNode running = eventually(() -> status(admin, "contacts"),
                    s -> s.path("replaying").asBoolean() && s.path("progress").asDouble() > 0);
            assertThat(running.path("lastRebuild").asString()).isEqualTo("RUNNING");
            assertThat(running.path("progress").asDouble()).isLessThan(1.0);
            // the old tables keep answering meanwhile
            assertThat(api.get("/api/contacts", admin.token()).status()).isEqualTo(200);
            statement.execute("SELECT pg_advisory_unlock(hashtext('projection:contacts'))");
        }
        JsonNode done = awaitRebuilt(admin, "contacts");
        assertThat(done.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.path("replaying").asBoolean()).isFalse();
    }

    @Test
    void aRebuildClaimedByAnotherNodeIsRefusedUntilItsClaimGoesStale() throws Exception {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        TestServices.execute("""
                INSERT INTO projection_rebuild (name, state, node, started_at, heartbeat_at, head)
                VALUES ('contacts', 'RUNNING', 'another-node', now(), now(), 10)
                ON CONFLICT (name) DO UPDATE SET state = 'RUNNING', node = 'another-node', heartbeat_at = now()""");
        Api.Response refused = api.post("/api/admin/projections/contacts/rebuild", Map.of(), admin.token());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("REBUILD_RUNNING");
        assertThat(status(admin, "contacts").path("replaying").asBoolean()).isTrue();
        // that node died: its claim stops counting after a minute
        TestServices.execute("UPDATE projection_rebuild SET heartbeat_at = now() - interval '2 minutes'"
                + " WHERE name = 'contacts'");
        assertThat(status(admin, "contacts").path("lastRebuild").asString()).isEqualTo("ABANDONED");
        assertThat(api.post("/api/admin/projections/contacts/rebuild", Map.of(), admin.token()).status())
                .isEqualTo(202);
        awaitRebuilt(admin, "contacts");
    }

    @Test
    void unknownProjectionsAndNonAdminsAreRefused() {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session user = api.register("rebuild_user");
        Api.Response unknown = api.post("/api/admin/projections/nope/rebuild", Map.of(), admin.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("PROJECTION_NOT_FOUND");
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(api.post("/api/admin/projections/messages/rebuild", Map.of(), user.token()).status())
                .isEqualTo(403);
        assertThat(api.get("/api/admin/projections", user.token()).status()).isEqualTo(403);
    }

    private JsonNode awaitRebuilt(Api.Session admin, String group) {
        AtomicBoolean failed = new AtomicBoolean();
        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(admin, group), s -> {
                    failed.set("FAILED".equals(s.path("lastRebuild").asString()));
                    return failed.get() || "DONE".equals(s.path("lastRebuild").asString());
                });
        assertThat(done.path("lastRebuild").asString()).as(done.toString()).isEqualTo("DONE");
        return done;
    }

    private JsonNode status(Api.Session admin, String group) {
        Set<JsonNode> found = ConcurrentHashMap.newKeySet();
        api.get("/api/admin/projections", admin.token()).json().forEach(p -> {
            if (group.equals(p.path("name").asString())) {
                found.add(p);
            }
        });
        assertThat(found).hasSize(1);
        return found.iterator().next();
    }
}

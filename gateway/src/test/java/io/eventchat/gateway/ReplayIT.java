package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.ReadModels;
import io.eventchat.api.push.Push;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.eventchat.gateway.support.TestServices;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Read models are disposable and projections idempotent: replaying every event again over the existing tables, or
 * into empty tables, gives exactly the tables there were.
 */
class ReplayIT extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void replayingEveryEventOverTheTablesChangesNothingAndPushesNothingAgain() throws Exception {
        // listen where a replay would re-publish: the push channel itself
        BlockingQueue<String> pushed = new LinkedBlockingQueue<>();
        RedisClient redis = RedisClient.create(TestServices.REDIS_URL);
        try (StatefulRedisPubSubConnection<String, String> channel = redis.connectPubSub()) {
            channel.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String name, String message) {
                    pushed.add(message);
                }
            });
            channel.sync().subscribe(Push.CHANNEL);
            Api.Session marker = writeSomeOfEverything();
            Map<String, List<List<Object>>> before = settledSnapshot();
            // the last write deletes a room: once its frame is out, every frame of the writes is
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> pushed.stream().anyMatch(m -> m.contains("\"type\":\"room.deleted\"")));
            Thread.sleep(500);
            pushed.clear();
            replay(false);
            appendMarker(marker);
            assertThat(settledSnapshot()).isEqualTo(before);
            Thread.sleep(1000);
            // presence frames of other tests' sessions may pass, and other applications' frames (see
            // isRoomOfThisSuite); no frame of a room of this store may
            assertThat(pushed.stream().map(Api.JSON::readTree).map(push -> push.path("frame"))
                    .filter(frame -> !frame.path("seq").isNull() && !frame.path("seq").isMissingNode())
                    .filter(frame -> TestServices.isRoomOfThisSuite(frame.path("roomId").asString())))
                    .as("a replay publishes no frame again").isEmpty();
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void rebuildingIntoEmptyTablesGivesTheSameTables() throws Exception {
        Api.Session marker = writeSomeOfEverything();
        Map<String, List<List<Object>>> before = settledSnapshot();
        replay(true);
        appendMarker(marker);
        Map<String, List<List<Object>>> after = settledSnapshot();
        for (String table : ReadModels.TABLES.keySet()) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
    }

    /**
     * Appends an event that none of the projections handles (a password change), so that "every segment has passed
     * the head" can only be true of the segments of the restarted processors, not of statuses left from before.
     */
    private void appendMarker(Api.Session user) {
        assertThat(api.post("/api/users/me/password", Map.of("currentPassword", Api.passwordOf(user.username()),
                "newPassword", "marker-" + UUID.randomUUID()), user.token()).status()).isEqualTo(204);
    }

    private Api.Session writeSomeOfEverything() {
        Api.Session a = api.register("replay_a");
        Api.Session b = api.register("replay_b");
        api.request("PUT", "/api/contacts/" + b.id(), a.token());
        api.request("PATCH", "/api/users/me", Map.of("displayName", "Replayed A"), a.token());
        String roomId = groupRoom(a, b.id());
        String first = post(a, roomId, "one").path("id").asString();
        post(b, roomId, "two");
        api.request("PATCH", "/api/messages/" + first, Map.of("content", "one, edited"), a.token());
        api.request("DELETE", "/api/messages/" + first, a.token());
        api.request("PATCH", "/api/rooms/" + roomId, Map.of("name", "replayed"), a.token());
        api.post("/api/rooms/" + roomId + "/read", Map.of("upToSeq", 5), b.token());
        api.post("/api/rooms", Map.of("type", "DIRECT", "participantIds", List.of(b.id())), a.token());
        String doomed = groupRoom(b, a.id());
        post(b, doomed, "bye");
        api.request("DELETE", "/api/rooms/" + doomed, b.token());
        return api.register("replay_marker");
    }

    private void replay(boolean emptyTablesFirst) throws SQLException {
        ReadModels.replay(processing, emptyTablesFirst);
    }

    private Map<String, List<List<Object>>> settledSnapshot() throws SQLException {
        return ReadModels.settledSnapshot(processing);
    }
}

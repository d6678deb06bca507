package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.ReadModels;
import io.eventchat.gateway.support.SampleFiles;
import io.eventchat.gateway.support.Uploads;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
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

    /** The rooms {@link #writeSomeOfEverything} wrote to. */
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    /** The attachments {@link #writeSomeOfEverything} left, each with the state its row must show. */
    private Map<String, String> attachments;

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
            channel.sync().subscribe(TestServices.PUSH_CHANNEL);
            Api.Session marker = writeSomeOfEverything();
            Map<String, List<List<Object>>> before = settledSnapshot();
            assertAttachmentsProjected(before);
            // the last write deletes a room: once its frame is out, every frame of the writes is
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> pushed.stream().anyMatch(m -> m.contains("\"type\":\"room.deleted\"")));
            Thread.sleep(500);
            pushed.clear();
            replay(false);
            appendMarker(marker);
            assertThat(settledSnapshot()).isEqualTo(before);
            Thread.sleep(1000);
            // no frame of the rooms written here may come again. Only theirs are looked at: Redis channels ignore
            // the database index, so any other application on the same Redis server publishes here too, and the
            // seeded room has the same id in every database
            assertThat(pushed.stream().filter(m -> rooms.contains(
                    Api.JSON.readTree(m).path("frame").path("roomId").asString())))
                    .as("a replay publishes no frame again").isEmpty();
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void rebuildingIntoEmptyTablesGivesTheSameTables() throws Exception {
        Api.Session marker = writeSomeOfEverything();
        Map<String, List<List<Object>>> before = settledSnapshot();
        assertAttachmentsProjected(before);
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
        rooms.add(roomId);
        String first = post(a, roomId, "one").path("id").asString();
        post(b, roomId, "two");
        api.request("PATCH", "/api/messages/" + first, Map.of("content", "one, edited"), a.token());
        api.request("DELETE", "/api/messages/" + first, a.token());
        api.request("PATCH", "/api/rooms/" + roomId, Map.of("name", "replayed"), a.token());
        api.post("/api/rooms/" + roomId + "/read", Map.of("upToSeq", 5), b.token());
        rooms.add(api.post("/api/rooms", Map.of("type", "DIRECT", "participantIds", List.of(b.id())), a.token())
                .json().path("id").asString());
        // attachments: one posted, its message deleted and restored; one never attached; one in a room then deleted
        Uploads uploads = new Uploads(port);
        String picture = upload(uploads, a, "picture.png", SampleFiles.image("png", 8, 8));
        String draft = upload(uploads, b, "draft.pdf", SampleFiles.pdf(600));
        String withPicture = api.post("/api/rooms/" + roomId + "/messages",
                Map.of("content", "look", "attachmentIds", List.of(picture)), a.token()).json().path("id").asString();
        api.request("DELETE", "/api/messages/" + withPicture, a.token());
        api.post("/api/messages/" + withPicture + "/restore", Map.of(), a.token());
        String doomed = groupRoom(b, a.id());
        rooms.add(doomed);
        post(b, doomed, "bye");
        String farewell = upload(uploads, b, "farewell.pdf", SampleFiles.pdf(900));
        assertThat(api.post("/api/rooms/" + doomed + "/messages",
                Map.of("content", "file", "attachmentIds", List.of(farewell)), b.token()).status()).isEqualTo(201);
        api.request("DELETE", "/api/rooms/" + doomed, b.token());
        attachments = Map.of(picture, "posted", draft, "unattached", farewell, "room deleted");
        return api.register("replay_marker");
    }

    /** The attachment rows of the writes are in the tables compared, in the states the writes left them. */
    private void assertAttachmentsProjected(Map<String, List<List<Object>>> snapshot) throws SQLException {
        Map<String, String> states = new java.util.HashMap<>();
        for (List<Object> row : TestServices.rows("""
                SELECT id::text, CASE WHEN room_deleted THEN 'room deleted' WHEN room_id IS NULL THEN 'unattached'
                    WHEN message_deleted THEN 'message deleted' ELSE 'posted' END
                FROM attachment""")) {
            states.put((String) row.get(0), (String) row.get(1));
        }
        attachments.forEach((id, state) -> assertThat(states.get(id)).as(id).isEqualTo(state));
        assertThat(snapshot.get("attachment")).hasSizeGreaterThanOrEqualTo(attachments.size());
    }

    private static String upload(Uploads uploads, Api.Session who, String name, byte[] bytes) {
        Api.Response uploaded = uploads.upload(name, "application/octet-stream", bytes, who.token());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return uploaded.json().path("id").asString();
    }

    private void replay(boolean emptyTablesFirst) throws SQLException {
        ReadModels.replay(processing, emptyTablesFirst);
    }

    private Map<String, List<List<Object>>> settledSnapshot() throws SQLException {
        return ReadModels.settledSnapshot(processing);
    }
}

package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.TestServices;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One room with more events than a snapshot interval (250, the default {@code CHAT_SNAPSHOT_ROOM_THRESHOLD}, which the
 * suite keeps) and more messages than the largest page (200), filled once for the class: snapshots are written and
 * used while the application runs, and a {@code limit} above a list's maximum is capped to it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusyRoomIT extends IntegrationTest {

    private static final int MESSAGES = 255;
    private static final long FIRST_MESSAGE_SEQ = 10;

    @Autowired
    @Qualifier("chatRoomCache")
    private Cache roomCache;

    private Api.Session owner;
    private final List<Api.Session> members = new ArrayList<>();
    private Api.Session leaver;
    private String roomId;
    private long lastSeq;

    /**
     * Seqs 1-8: the room with its owner, five members and one who leaves again at seq 9; then 255 messages. Six
     * senders take turns, so the per-user write limit (40 at once, 20 a second) is never what the test meets.
     */
    @BeforeAll
    void fillTheRoom() {
        Api client = new Api(port);
        owner = client.register("busy_owner");
        for (int i = 0; i < 5; i++) {
            members.add(client.register("busy_member"));
        }
        leaver = client.register("busy_leaver");
        List<Object> others = new ArrayList<>(members.stream().map(Api.Session::id).toList());
        others.add(leaver.id());
        Api.Response created = client.post("/api/rooms", Map.of("name", "Busy", "type", "GROUP",
                "participantIds", others), owner.token());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        roomId = created.json().path("id").asString();
        assertThat(client.request("DELETE", "/api/rooms/" + roomId + "/participants/" + leaver.id(), owner.token())
                .status()).isEqualTo(204);
        for (int i = 0; i < MESSAGES; i++) {
            Api.Session sender = i % 6 == 0 ? owner : members.get(i % 6 - 1);
            Api.Response posted = client.post("/api/rooms/" + roomId + "/messages", Map.of("content", "busy " + i),
                    sender.token());
            assertThat(posted.status()).as(posted.body()).isEqualTo(201);
            lastSeq = posted.json().path("seq").asLong();
        }
        assertThat(lastSeq).isEqualTo(FIRST_MESSAGE_SEQ + MESSAGES - 1);
        // the projections have caught up once the last frame is readable
        eventually(() -> client.get("/api/rooms/" + roomId + "/events?after=" + (lastSeq - 1), owner.token()),
                r -> r.json().path("items").size() == 1);
    }

    private static List<JsonNode> items(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(response.json().path("items").spliterator(), false).toList();
    }

    private String messages() {
        return "/api/rooms/" + roomId + "/messages";
    }

    @Test
    void aLimitAboveTheMaximumIsCappedToTheMaximumNotRefused() throws Exception {
        for (String limit : List.of("201", "100001", "10000000000")) {
            Api.Response events = api.get("/api/rooms/" + roomId + "/events?after=0&limit=" + limit, owner.token());
            assertThat(items(events)).as("events, limit " + limit).extracting(f -> f.path("seq").asLong())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
            assertThat(events.json().path("nextCursor").asLong()).isEqualTo(200);

            Api.Response newest = api.get(messages() + "?limit=" + limit, owner.token());
            List<JsonNode> page = items(newest);
            assertThat(page).as("newest messages, limit " + limit).hasSize(200);
            assertThat(page.get(0).path("seq").asLong()).isEqualTo(newest.json().path("nextCursor").asLong());
            assertThat(page.get(199).path("seq").asLong()).isGreaterThanOrEqualTo(lastSeq);

            Api.Response oldest = api.get(messages() + "?after=0&limit=" + limit, owner.token());
            assertThat(items(oldest)).as("oldest messages, limit " + limit).extracting(m -> m.path("seq").asLong())
                    .containsExactlyElementsOf(LongStream.range(FIRST_MESSAGE_SEQ, FIRST_MESSAGE_SEQ + 200).boxed()
                            .toList());
        }
        // the audit's maximum is 500, more than this room has: everything, in one page
        long stored = TestServices.count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                roomId);
        Api.Response audit = api.get("/api/rooms/" + roomId + "/audit?limit=100001", owner.token());
        assertThat(items(audit)).hasSize((int) stored);
        assertThat(audit.json().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void aSnapshotIsWrittenAndTheRoomLoadsFromItAndTheEventsAfterIt() throws Exception {
        List<List<Object>> snapshots = eventually(() -> snapshotRows(), rows -> !rows.isEmpty());
        long snapshotSequence = (Long) snapshots.get(0).get(0);
        // it covers the leaver's removal (sequence 8) and leaves events after it to be folded on top
        assertThat(snapshotSequence).isBetween(8L, lastSeq - 3);

        // the next command loads the room from the store, as on a node that has not cached it: snapshot + events
        roomCache.remove(roomId);
        Api.Response refused = api.post(messages(), Map.of("content", "back?"), leaver.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("NOT_A_PARTICIPANT");
        roomCache.remove(roomId);
        JsonNode posted = post(members.get(0), roomId, "after the snapshot");
        assertThat(posted.path("seq").asLong()).isEqualTo(lastSeq + 1);
        assertThat(api.post("/api/rooms/" + roomId + "/read", Map.of("upToSeq", lastSeq + 1),
                members.get(0).token()).status()).isEqualTo(204);
        assertThat(TestServices.rows("""
                SELECT sequence_number, (convert_from(payload, 'UTF8')::jsonb ->> 'seq')::bigint
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", roomId))
                .as("one event per seq, gap-free, seq = sequence number + 1")
                .extracting(row -> (Long) row.get(1) - (Long) row.get(0))
                .hasSize((int) lastSeq + 2).containsOnly(1L);

        // the room as it was is folded from the first event, not from the snapshot
        Api.Response asItWas = api.get("/api/rooms/" + roomId + "/state?atSeq=" + lastSeq, owner.token());
        assertThat(asItWas.status()).as(asItWas.body()).isEqualTo(200);
        JsonNode state = asItWas.json();
        assertThat(state.path("name").asString()).isEqualTo("Busy");
        assertThat(state.path("participants")).hasSize(6);
        assertThat(state.path("messages")).hasSize(MESSAGES);

        // and the load really starts at the snapshot: a participant erased from the snapshot alone is refused
        Api.Session erased = members.get(4);
        List<List<Object>> original = TestServices.rows(
                "SELECT sequence_number, payload FROM snapshot_event_entry WHERE aggregate_identifier = ?", roomId);
        try {
            TestServices.execute("""
                    UPDATE snapshot_event_entry SET payload = convert_to(
                        (convert_from(payload, 'UTF8')::jsonb #- '{participants,%s}')::text, 'UTF8')
                    WHERE aggregate_identifier = '%s'""".formatted(erased.id(), roomId));
            roomCache.remove(roomId);
            Api.Response erasedPost = api.post(messages(), Map.of("content", "still here"), erased.token());
            assertThat(erasedPost.status()).as(erasedPost.body()).isEqualTo(403);
        } finally {
            try (var connection = TestServices.connect(); var restore = connection.prepareStatement(
                    "UPDATE snapshot_event_entry SET payload = ? WHERE aggregate_identifier = ? AND sequence_number = ?")) {
                for (List<Object> row : original) {
                    restore.setBytes(1, (byte[]) row.get(1));
                    restore.setString(2, roomId);
                    restore.setLong(3, (Long) row.get(0));
                    restore.executeUpdate();
                }
            }
            roomCache.remove(roomId);
        }
        assertThat(post(erased, roomId, "back in the snapshot").path("seq").asLong()).isEqualTo(lastSeq + 3);
    }

    private List<List<Object>> snapshotRows() {
        try {
            return TestServices.rows("""
                    SELECT sequence_number FROM snapshot_event_entry WHERE aggregate_identifier = ?
                    ORDER BY sequence_number DESC""", roomId);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

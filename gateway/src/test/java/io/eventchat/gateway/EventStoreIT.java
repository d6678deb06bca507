package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.FlakyProjection;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.TestServices;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event store as PostgreSQL holds it, and the processors that read it. */
class EventStoreIT extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private Serializer serializer;

    @Test
    void binaryColumnsAreByteaAndTheGlobalIndexAllocatesOneByOne() throws SQLException {
        List<List<Object>> columns = TestServices.rows("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE column_name IN ('payload', 'meta_data', 'token', 'diagnostics')
                  AND table_name IN ('domain_event_entry', 'snapshot_event_entry', 'token_entry', 'dead_letter_entry')""");
        assertThat(columns).hasSize(9).allSatisfy(column -> assertThat(column.get(2)).isEqualTo("bytea"));
        assertThat(TestServices.rows("SELECT increment_by FROM pg_sequences WHERE sequencename = 'domain_event_entry_seq'"))
                .containsExactly(List.of(1L));
        assertThat(TestServices.rows("SELECT count(*) FROM pg_largeobject_metadata")).containsExactly(List.of(0L));
    }

    @Test
    void roomEventsAreJsonWithGapFreeSeqsAndNoPasswordAnywhere() throws SQLException {
        Api.Session user = api.register("auditor");
        String roomId = api.post("/api/rooms", Map.of("type", "GROUP", "name", "ledger"), user.token())
                .json().path("id").asString();
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "m" + i), user.token()).status())
                    .isEqualTo(201);
        }
        List<List<Object>> events = TestServices.rows("""
                SELECT sequence_number, (convert_from(payload, 'UTF8')::jsonb ->> 'seq')::bigint, global_index, payload_type
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", roomId);
        assertThat(events).hasSize(7);
        long previousGlobal = 0;
        for (int i = 0; i < events.size(); i++) {
            List<Object> event = events.get(i);
            assertThat(event.get(0)).isEqualTo((long) i);
            assertThat(event.get(1)).isEqualTo((long) i + 1);
            assertThat((Long) event.get(2)).isGreaterThan(previousGlobal);
            previousGlobal = (Long) event.get(2);
        }
        assertThat(events.get(0).get(3)).isEqualTo("io.eventchat.api.room.RoomCreated");
        assertThat(events.get(6).get(3)).isEqualTo("io.eventchat.api.message.MessagePosted");

        assertThat(TestServices.rows("""
                SELECT count(*) FROM domain_event_entry
                WHERE convert_from(payload, 'UTF8') LIKE '%$2a$%' OR convert_from(payload, 'UTF8') LIKE ?
                   OR convert_from(meta_data, 'UTF8') LIKE ?""",
                "%password-" + user.username() + "%", "%password-" + user.username() + "%"))
                .containsExactly(List.of(0L));
    }

    @Test
    void everyProjectionRunsPooledAndPropagatesHandlerErrors() {
        for (String group : List.of("users", "rooms", "it-flaky")) {
            assertThat(processing.eventProcessor(group, PooledStreamingEventProcessor.class)).as(group).isPresent();
            assertThat(processing.listenerInvocationErrorHandler(group)).as(group)
                    .isInstanceOf(PropagatingErrorHandler.class);
        }
    }

    @Test
    void everyKindOfTrackingTokenSurvivesTheTokenStore() {
        TrackingToken position = new GlobalSequenceTrackingToken(42);
        List<TrackingToken> tokens = List.of(position, GapAwareTrackingToken.newInstance(42, List.of(40L)),
                ReplayToken.createReplayToken(position, new GlobalSequenceTrackingToken(7)),
                new MergedTrackingToken(position, new GlobalSequenceTrackingToken(41)));
        for (TrackingToken token : tokens) {
            SerializedObject<byte[]> stored = serializer.serialize(token, byte[].class);
            assertThat((Object) serializer.deserialize(stored)).as(token.getClass().getSimpleName()).isEqualTo(token);
        }
    }

    @Test
    void aFailingHandlerIsRetriedUntilItSucceedsInsteadOfSkippingTheEvent() {
        Api.Session user = api.register("flaky");
        String roomId = api.post("/api/rooms", Map.of("type", "GROUP"), user.token()).json().path("id").asString();
        Api.Response posted = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "flaky: retry me"),
                user.token());
        UUID messageId = UUID.fromString(posted.json().path("id").asString());

        await().atMost(Duration.ofSeconds(30)).until(() -> FlakyProjection.APPLIED.contains(messageId));
        assertThat(FlakyProjection.ATTEMPTS.get(messageId)).isEqualTo(3);
    }
}

package io.eventchat.gateway.support;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The projections and their read tables, for tests that replay, rebuild and compare them. */
public final class ReadModels {

    public static final List<String> GROUPS = List.of("users", "contacts", "rooms");
    /** The whole segment space, of which a segment with mask m holds 1 / (m + 1). */
    private static final long WHOLE = 1L << 20;
    /** Every read table, with the columns that order its rows. */
    public static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("chat_user", "id");
        TABLES.put("contact", "owner_id, contact_id");
        TABLES.put("room", "id");
        TABLES.put("room_participant", "room_id, user_id");
        TABLES.put("message", "id");
        TABLES.put("message_room_version", "room_id");
        TABLES.put("room_frame", "room_id, seq");
        TABLES.put("attachment", "id");
    }

    private ReadModels() {
    }

    /** Resets every projection's processor to the start of the event store, optionally emptying its tables first. */
    public static void replay(EventProcessingConfiguration processing, boolean emptyTablesFirst) throws SQLException {
        List<StreamingEventProcessor> processors = GROUPS.stream()
                .map(group -> processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow())
                .toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        // a work package may still be finishing its last batch, and would store its token over the reset one (it
        // claims under this node's id): reset only once every segment's claim is released
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> TestServices.count(
                "SELECT count(*) FROM token_entry WHERE owner IS NOT NULL AND processor_name IN ('"
                        + String.join("', '", GROUPS) + "')") == 0);
        if (emptyTablesFirst) {
            TestServices.execute("TRUNCATE " + String.join(", ", TABLES.keySet()));
        }
        processors.forEach(StreamingEventProcessor::resetTokens);
        processors.forEach(StreamingEventProcessor::start);
    }

    /** Waits until every projection has processed the whole event store, then reads every read table. */
    public static Map<String, List<List<Object>>> settledSnapshot(EventProcessingConfiguration processing)
            throws SQLException {
        long head = TestServices.count("SELECT max(global_index) FROM domain_event_entry");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Map<String, String> lagging = new LinkedHashMap<>();
            for (String group : GROUPS) {
                StreamingEventProcessor processor =
                        processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
                processor.processingStatus().forEach((segment, status) -> {
                    if (status.getCurrentPosition().orElse(-1L) < head) {
                        lagging.put(group + "/" + segment, status.toString());
                    }
                });
                // a segment not claimed at the moment (not yet after a restart, or released to retry after an
                // error) has no status at all: the claimed ones must cover the whole segment space
                long covered = processor.processingStatus().values().stream()
                        .mapToLong(status -> WHOLE / (status.getSegment().getMask() + 1L)).sum();
                if (covered < WHOLE) {
                    lagging.put(group, "segments not claimed: " + (WHOLE - covered) * 100 / WHOLE + " % of them");
                }
            }
            assertThat(lagging).as("segments short of %d", head).isEmpty();
        });
        Map<String, List<List<Object>>> snapshot = new LinkedHashMap<>();
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            // as text, so that values of every column type compare by what they say
            snapshot.put(table.getKey(), TestServices.rows("SELECT * FROM " + table.getKey() + " ORDER BY "
                    + table.getValue()).stream().map(row -> row.stream()
                    .map(value -> value == null ? null : (Object) value.toString()).toList()).toList());
        }
        return snapshot;
    }
}

package io.eventchat.query.processing;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a projection may have batched. Live, each runs at once, in the handler's transaction. In a rebuild
 * ({@link ShadowBuild}) they are queued per statement and sent as JDBC batches when the rebuild's batch of events
 * ends, which saves the round trip per statement that bounds a rebuild's rate (three statements per posted message).
 * <p>
 * Queued statements run grouped by statement, not in the order they were queued, so only writes that commute with
 * each other and are idempotent may go through here: inserts that skip an existing row, {@code GREATEST} upserts.
 * A handler that reads the projection's tables, or writes anything else, calls {@link #flush()} first.
 */
@Component
public class ProjectionWrites {

    private final JdbcTemplate jdbc;

    ProjectionWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void write(String sql, Object... args) {
        writeLatest(sql, new Object(), args); // a key of its own: replaces nothing
    }

    /**
     * A write that makes the ones of the same statement and {@code key} queued before it redundant, such as an
     * upsert of a row to a later version: queued, it replaces them (one row cannot be upserted twice by one
     * multi-row insert).
     */
    public void writeLatest(String sql, Object key, Object... args) {
        Batch batch = ShadowBuild.writes();
        if (batch == null) {
            jdbc.update(sql, args);
        } else {
            batch.add(sql, key, args);
        }
    }

    /** Sends what is queued (nothing outside a rebuild), so that the handler's next statements see it. */
    public void flush() {
        Batch batch = ShadowBuild.writes();
        if (batch != null) {
            batch.flush(jdbc);
        }
    }

    /** Drops what is queued, unsent: the event that queued it is being rolled back ({@link PoisonIsolation}). */
    void discard() {
        Batch batch = ShadowBuild.writes();
        if (batch != null) {
            batch.statements.clear();
        }
    }

    void flush(Batch batch) {
        batch.flush(jdbc);
    }

    /** The writes queued in one rebuild transaction. */
    static final class Batch {

        private final Map<String, Map<Object, Object[]>> statements = new LinkedHashMap<>();

        void add(String sql, Object key, Object[] args) {
            Map<Object, Object[]> queued = statements.computeIfAbsent(sql, statement -> new LinkedHashMap<>());
            queued.remove(key);
            queued.put(key, args);
        }

        void flush(JdbcTemplate jdbc) {
            for (Map.Entry<String, Map<Object, Object[]>> statement : statements.entrySet()) {
                jdbc.batchUpdate(statement.getKey(), new ArrayList<>(statement.getValue().values()));
            }
            statements.clear();
        }
    }
}

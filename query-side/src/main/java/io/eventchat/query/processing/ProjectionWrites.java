package io.eventchat.query.processing;

import jakarta.persistence.EntityManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes of a projection, batched: queued per statement while a processor's batch of events (or a rebuild's) is
 * handled, and sent as JDBC batches (multi-row inserts; one round trip for the updates) when the batch prepares to
 * commit. A batch of a hundred posted messages so costs a handful of round trips, not a few hundred.
 * <p>
 * Queued statements run grouped by statement, not in the order they were queued, so only writes that commute with
 * each other and are idempotent may go through here: inserts that skip an existing row, {@code GREATEST} upserts and
 * updates. A handler that reads the projection's tables, or writes anything else, calls {@link #flush()} first.
 * Outside a unit of work (tests calling a handler directly) a write runs at once.
 */
@Component
public class ProjectionWrites {

    private static final String RESOURCE = ProjectionWrites.class.getName();
    /** Set on a unit of work whose writes must run at once (an event handled on its own, {@link PoisonIsolation}). */
    static final String AT_ONCE = RESOURCE + ".atOnce";

    private final JdbcTemplate jdbc;
    private final EntityManager entities;

    ProjectionWrites(JdbcTemplate jdbc, EntityManager entities) {
        this.jdbc = jdbc;
        this.entities = entities;
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
        Batch batch = current();
        if (batch == null) {
            jdbc.update(sql, args);
        } else {
            batch.add(sql, key, args);
        }
    }

    /** Sends what is queued, so that the handler's next statements see it. */
    public void flush() {
        Batch batch = current();
        if (batch != null) {
            flush(batch);
        }
    }

    /** Sends {@code batch}: first what the JPA context holds (it may write columns the queued upserts move on). */
    public void flush(Batch batch) {
        if (batch.isEmpty()) {
            return;
        }
        entities.flush();
        batch.flush(jdbc);
    }

    /** Drops what is queued, unsent: the event that queued it is being rolled back ({@link PoisonIsolation}). */
    void discard() {
        Batch batch = current();
        if (batch != null) {
            batch.statements.clear();
        }
    }

    /** The batch of the unit of work being handled: a rebuild's, or the processor batch's (sent at its commit). */
    private Batch current() {
        Batch rebuild = ShadowBuild.writes();
        if (rebuild != null || !CurrentUnitOfWork.isStarted()) {
            return rebuild;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork.resources().containsKey(AT_ONCE)) {
            return null;
        }
        UnitOfWork<?> root = unitOfWork.root();
        return root.getOrComputeResource(RESOURCE, key -> {
            Batch batch = new Batch();
            root.onPrepareCommit(committing -> flush(batch));
            return batch;
        });
    }

    /** The writes queued in one transaction. */
    public static final class Batch {

        private final Map<String, Map<Object, Object[]>> statements = new LinkedHashMap<>();

        public Batch() {
        }

        void add(String sql, Object key, Object[] args) {
            Map<Object, Object[]> queued = statements.computeIfAbsent(sql, statement -> new LinkedHashMap<>());
            queued.remove(key);
            queued.put(key, args);
        }

        boolean isEmpty() {
            return statements.isEmpty();
        }

        void flush(JdbcTemplate jdbc) {
            for (Map.Entry<String, Map<Object, Object[]>> statement : statements.entrySet()) {
                jdbc.batchUpdate(statement.getKey(), new ArrayList<>(statement.getValue().values()));
            }
            statements.clear();
        }
    }
}

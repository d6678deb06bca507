package io.eventchat.query.processing;

import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parks exactly the event a projection cannot handle, whatever the failure, and lets everything else flow on.
 * <p>
 * The catch is PostgreSQL: a failed statement aborts the whole transaction, so the batch the poison came in can commit
 * nothing, not even the dead letter recording it. So batches run as they are, without any extra statement, and when
 * one fails in any way (a handler throwing, a statement refused, the commit failing) it is rolled back whole and every
 * event in it becomes a suspect. The processor retries the segment a second later; suspects are then handled one by
 * one inside a savepoint: one that fails is rolled back to its savepoint alone (its database writes, the JPA context,
 * and the effects it registered with {@link #undoIfParked}) and parked in the group's dead-letter queue, in the same,
 * still healthy, transaction; the events after it of the same room or user queue up behind it (Axon's
 * {@code DeadLetteringEventHandlerInvoker}), and the rest of the batch commits. A retry of a parked event runs inside a
 * savepoint too, so one that fails again stays parked instead of breaking the retry.
 * <p>
 * A failure that is the database's rather than the event's (no connection, a serialization failure, a deadlock) parks
 * nothing: the batch fails and is retried with back-off until the database is back.
 */
@Component
public class PoisonIsolation {

    private static final Logger log = LoggerFactory.getLogger(PoisonIsolation.class);
    private static final String SCOPE = PoisonIsolation.class.getName() + ".savepoint";
    private static final String WATCHED = PoisonIsolation.class.getName() + ".watched";
    private static final int MAX_SUSPECTS = 100_000;

    private final EntityManager entities;
    private final JdbcTemplate jdbc;
    private final ProjectionWrites writes;
    private final Map<String, Set<String>> suspects = new ConcurrentHashMap<>();

    PoisonIsolation(EntityManager entities, JdbcTemplate jdbc, ProjectionWrites writes) {
        this.entities = entities;
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /**
     * Registers work to undo should the event being handled now be parked: effects outside the transaction (frames
     * to publish, cache entries). Outside a savepoint there is nothing to do: a failure there rolls the batch back.
     */
    public static void undoIfParked(Runnable undo) {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().get(SCOPE) instanceof Savepoint savepoint) {
            savepoint.undo.add(undo);
        }
    }

    /** The interceptor of a projection's processor (it also runs around the retry of its dead letters). */
    MessageHandlerInterceptor<EventMessage<?>> interceptor(String group) {
        Set<String> groupSuspects = suspects.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet());
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            String eventId = unitOfWork.getMessage().getIdentifier();
            boolean retryOfLetter = unitOfWork.resources().containsKey(DeadLetter.class.getName());
            if (!retryOfLetter) {
                suspectAllIfRolledBack(unitOfWork, groupSuspects);
            }
            if (!retryOfLetter && !groupSuspects.contains(eventId)) {
                return chain.proceed();
            }
            Savepoint savepoint = open();
            unitOfWork.resources().put(SCOPE, savepoint);
            // a suspect's writes run at once, inside its handlers, so that a statement they fail on is theirs
            unitOfWork.resources().put(ProjectionWrites.AT_ONCE, Boolean.TRUE);
            try {
                Object result = chain.proceed();
                savepoint.release();
                groupSuspects.remove(eventId);
                return result;
            } catch (Exception e) {
                savepoint.rollBack();
                throw e;
            } finally {
                unitOfWork.resources().remove(SCOPE);
                unitOfWork.resources().remove(ProjectionWrites.AT_ONCE);
            }
        };
    }

    /**
     * The dead-letter policy of a projection: park an event that failed inside its savepoint (after rolling back to
     * it), keep a failed retry parked, and turn any other failure into a failure of the batch, which is then retried
     * event by event.
     */
    EnqueuePolicy<EventMessage<?>> policy() {
        return (letter, cause) -> {
            if (letter instanceof JdbcDeadLetter<?>) {
                return Decisions.enqueue(ThrowableCause.truncated(cause)); // a retry that failed again: stays parked
            }
            if (databaseTrouble(cause)) {
                throw new BatchRetry("The database failed while handling event " + letter.message().getIdentifier(),
                        cause);
            }
            Savepoint savepoint = CurrentUnitOfWork.isStarted()
                    ? (Savepoint) CurrentUnitOfWork.get().resources().get(SCOPE) : null;
            if (savepoint == null) {
                throw new BatchRetry("Event " + letter.message().getIdentifier()
                        + " failed; its batch is retried event by event", cause);
            }
            savepoint.rollBack();
            log.warn("Parking event {} ({}) in its dead-letter queue: {}", letter.message().getIdentifier(),
                    letter.message().getPayloadType().getSimpleName(), cause.toString());
            return Decisions.enqueue(ThrowableCause.truncated(cause));
        };
    }

    /** Once per batch: if the batch rolls back, every event in it is handled in a savepoint of its own next time. */
    private void suspectAllIfRolledBack(UnitOfWork<? extends EventMessage<?>> unitOfWork, Set<String> groupSuspects) {
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || unitOfWork.resources().containsKey(WATCHED)) {
            return;
        }
        unitOfWork.resources().put(WATCHED, Boolean.TRUE);
        unitOfWork.onRollback(rolledBack -> {
            if (groupSuspects.size() > MAX_SUSPECTS) {
                groupSuspects.clear(); // they are re-suspected the next time their batch fails
            }
            batch.getMessages().forEach(message -> groupSuspects.add(message.getIdentifier()));
        });
    }

    private Savepoint open() {
        entities.flush();
        writes.flush();
        jdbc.execute("SAVEPOINT poison_isolation");
        return new Savepoint();
    }

    /** A failure of the database itself, which says nothing about the event. */
    static boolean databaseTrouble(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof NonTransientDataAccessResourceException || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // connection (08), transaction rollback: serialization, deadlock (40), insufficient resources (53),
                // operator intervention: shutdown (57), system error (58)
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57") || state.startsWith("58")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Fails the batch on purpose, so that it is retried (event by event where it was an event's failure). */
    static final class BatchRetry extends RuntimeException {
        BatchRetry(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One event's savepoint. */
    private final class Savepoint {
        final List<Runnable> undo = new ArrayList<>();
        boolean rolledBack;

        void rollBack() {
            if (rolledBack) {
                return;
            }
            rolledBack = true;
            jdbc.execute("ROLLBACK TO SAVEPOINT poison_isolation");
            entities.clear();
            writes.discard();
            undo.forEach(Runnable::run);
        }

        void release() {
            jdbc.execute("RELEASE SAVEPOINT poison_isolation");
        }
    }
}

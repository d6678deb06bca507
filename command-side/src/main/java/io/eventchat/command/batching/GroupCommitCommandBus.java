package io.eventchat.command.batching;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.room.RoomCommand;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

/**
 * Group commit: the commands of rooms that arrive together share one transaction, one append of their events and one
 * commit, and each caller is answered only after that commit. Every other command is handled as Axon's
 * {@link SimpleCommandBus} handles it, one transaction each.
 * <p>
 * A room's commands go to one of {@code workers} threads by the room's id, so a room's commands are decided one after
 * the other, in the order they arrived (its seq stays gap-free, and no two groups ever hold the same room's lock).
 * A worker takes what has queued up (at most {@code maxGroup} commands) and handles each in a unit of work nested in
 * one root unit of work with the transaction: a command that is refused (403, 409, …) rolls back alone (its events,
 * and the room's cached copy), the others' events go into the root's single append at its commit. If the group fails
 * as a whole (a statement refused, or a conflict on a room another node appended to), nothing of it is stored and
 * each command is handled again on its own, so that only the commands really at fault fail; if it failed because the
 * database cannot be reached, every command of it is answered with that failure at once.
 * <p>
 * What Axon offers for this and why it is not used as is (see {@code docs/performance.md}): the
 * {@code DisruptorCommandBus} commits each command on its own and runs handlers outside the transaction, and a
 * {@code BatchingUnitOfWork} alone rolls the whole batch back for one rejection. Nesting the ordinary handling of
 * {@link SimpleCommandBus} inside one root unit of work keeps Axon's aggregates, repositories, cache, locks,
 * interceptors and event store exactly as they are.
 */
public class GroupCommitCommandBus extends SimpleCommandBus {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitCommandBus.class);

    private final TransactionManager transactions;
    private final ConnectionProvider connections;
    private final GroupPolicy policy;
    private final List<GroupParticipant> participants;
    private final int maxGroup;
    private final Worker[] workers;
    private final DistributionSummary groupSizes;

    GroupCommitCommandBus(Builder builder, ConnectionProvider connections, GroupPolicy policy,
                          List<GroupParticipant> participants, GroupCommitProperties properties, MeterRegistry meters) {
        super(builder);
        this.transactions = builder.transactions;
        this.connections = connections;
        this.policy = policy;
        this.participants = List.copyOf(participants);
        this.maxGroup = properties.maxGroup();
        this.groupSizes = DistributionSummary.builder("chat.commands.group.size")
                .description("Room commands committed together").register(meters);
        this.workers = new Worker[properties.workers()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i, properties.maxQueued());
        }
        Gauge.builder("chat.commands.queued", this, bus -> {
            int queued = 0;
            for (Worker worker : bus.workers) {
                queued += worker.queue.size();
            }
            return queued;
        }).description("Room commands waiting for their group").register(meters);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        if (!(command.getPayload() instanceof RoomCommand room) || CurrentUnitOfWork.isStarted()) {
            super.handle(command, handler, callback);
            return;
        }
        Worker worker = workers[Math.floorMod(room.roomId().hashCode(), workers.length)];
        if (!worker.queue.offer(new Entry(command, handler, callback))) {
            callback.onResult(command, asCommandResultMessage(
                    new ChatException(ErrorCode.BUSY, "The server is busy; try again in a moment.")));
        }
    }

    /** Starts the workers; the bus takes room commands from then on. */
    void start() {
        for (Worker worker : workers) {
            worker.thread.start();
        }
    }

    /** Stops taking new groups; what is queued is still handled, for a few seconds at most. */
    void stop() {
        for (Worker worker : workers) {
            worker.running = false;
        }
        for (Worker worker : workers) {
            try {
                worker.thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Handles what a worker took from its queue, in order: runs of commands that may share a group are committed
     * together, any other command on its own.
     */
    private void handleTaken(List<Entry> taken) {
        List<Entry> run = new ArrayList<>();
        for (Entry entry : taken) {
            if (policy.groupable(entry.command.getPayload())) {
                run.add(entry);
            } else {
                handleGroup(run);
                run.clear();
                entry.handleAlone();
            }
        }
        handleGroup(run);
    }

    /** Handles one group: the commands, in order, in units of work nested in one root unit of work. */
    private void handleGroup(List<Entry> group) {
        if (group.isEmpty()) {
            return;
        }
        groupSizes.record(group.size());
        if (group.size() == 1) {
            group.get(0).handleAlone();
            return;
        }
        UnitOfWork<CommandMessage<?>> root = DefaultUnitOfWork.startAndGet(group.get(0).command);
        try {
            root.attachTransaction(transactions);
            // take the transaction's connection in the root, so that its rollback and release belong to the root:
            // taken first in a nested unit of work, a refusal there would roll back the whole connection
            connections.getConnection();
            CommandGroup shared = CommandGroup.startIn(root);
            List<Object> payloads = group.stream().<Object>map(entry -> entry.command.getPayload()).toList();
            participants.forEach(participant -> participant.preload(payloads, shared));
            for (Entry entry : group) {
                super.handle(entry.command, entry.handler, entry::record);
                if (entry.failedOnTheDatabase()) {
                    // PostgreSQL has aborted the transaction: nothing more of this group can be stored
                    throw new GroupFailed(entry.result.exceptionResult());
                }
            }
            root.commit();
        } catch (Exception failure) {
            if (root.isActive()) {
                root.rollback(failure);
            }
            if (databaseUnreachable(failure)) {
                // handled each on its own, every command would wait for a connection in turn (3 s each by default),
                // its last caller a multiple of that (bench/faults/postgres.sh saw answers at 3 x 3 s): all of them
                // are answered at once instead (503 DATABASE_UNAVAILABLE), and their clients retry
                log.debug("A group of {} room commands failed, the database unreachable ({})", group.size(),
                        failure.toString());
                group.forEach(entry -> entry.callback.onResult(entry.command, asCommandResultMessage(failure)));
                return;
            }
            log.debug("A group of {} room commands failed as a whole ({}); handling each on its own",
                    group.size(), failure.toString());
            group.forEach(Entry::handleAlone);
            return;
        }
        group.forEach(Entry::answer);
    }

    /**
     * Whether a failure says the database cannot be reached (no connection within the pool's timeout, a connection
     * that broke or was closed under the transaction, the server shutting down) rather than anything about the
     * commands. Whatever wraps it, the gateway answers such a failure 503 DATABASE_UNAVAILABLE.
     */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && (sql.getSQLState() == null
                    ? "Connection is closed".equals(sql.getMessage()) // HikariCP's, on a connection it closed
                    : sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A command waiting for its group, and (once handled in it) its result, answered after the group's commit. */
    private final class Entry {
        final CommandMessage<Object> command;
        final MessageHandler<? super CommandMessage<?>> handler;
        final CommandCallback<Object, Object> callback;
        CommandResultMessage<?> result;

        @SuppressWarnings("unchecked")
        Entry(CommandMessage<?> command, MessageHandler<? super CommandMessage<?>> handler,
              CommandCallback<?, ?> callback) {
            this.command = (CommandMessage<Object>) command;
            this.handler = handler;
            this.callback = (CommandCallback<Object, Object>) callback;
        }

        void record(CommandMessage<?> handled, CommandResultMessage<?> outcome) {
            this.result = outcome;
        }

        /** Whether the command failed on a statement, not on a rule (which rolls back only its own unit of work). */
        boolean failedOnTheDatabase() {
            if (result == null || !result.isExceptional()) {
                return false;
            }
            for (Throwable t = result.exceptionResult(); t != null; t = t.getCause()) {
                if (t instanceof SQLException || t instanceof DataAccessException) {
                    return true;
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            return false;
        }

        @SuppressWarnings("unchecked")
        void answer() {
            callback.onResult(command, (CommandResultMessage<Object>) result);
        }

        void handleAlone() {
            GroupCommitCommandBus.super.handle(command, handler, callback);
        }
    }

    /** Takes the room commands of its share of the rooms and handles them group by group. */
    private final class Worker implements Runnable {
        final BlockingQueue<Entry> queue;
        final Thread thread;
        volatile boolean running = true;

        Worker(int index, int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this, "group-commit-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            List<Entry> group = new ArrayList<>(maxGroup);
            while (running || !queue.isEmpty()) {
                try {
                    Entry first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    group.add(first);
                    queue.drainTo(group, maxGroup - 1);
                    handleTaken(group);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // a failure outside any command's handling: answer the group rather than leave callers waiting
                    log.error("A group of room commands failed unexpectedly", e);
                    for (Entry entry : group) {
                        entry.callback.onResult(entry.command, asCommandResultMessage(e));
                    }
                } finally {
                    group.clear();
                }
            }
        }
    }

    /** A group that cannot commit: each of its commands is then handled on its own. */
    private static final class GroupFailed extends RuntimeException {
        GroupFailed(Throwable cause) {
            super(cause);
        }
    }

    /** Builds the bus like Axon's {@link SimpleCommandBus}, keeping hold of its transaction manager. */
    static final class Builder extends SimpleCommandBus.Builder {

        private TransactionManager transactions;

        @Override
        public Builder transactionManager(TransactionManager transactionManager) {
            super.transactionManager(transactionManager);
            this.transactions = transactionManager;
            return this;
        }
    }
}

package io.eventchat.command.batching;

import io.eventchat.api.message.PostMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

/**
 * With the database unreachable a group of room commands is answered at once, all of it: handled again one by one,
 * each would first wait for a connection in turn, and the group's last caller a multiple of the pool's timeout
 * (bench/faults/postgres.sh saw 503s after 3 x 3 s, close to a client's timeout).
 */
class GroupCommitCommandBusTest {

    private static final int GROUP = 10;

    @Test
    void aGroupThatCannotReachTheDatabaseIsAnsweredAtOnceWithoutRetryingEachCommand() throws InterruptedException {
        AtomicInteger transactionsTried = new AtomicInteger();
        TransactionManager unreachable = new TransactionManager() {
            @Override
            public Transaction startTransaction() {
                transactionsTried.incrementAndGet();
                try {
                    Thread.sleep(100); // the pool's wait for a connection, shortened
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                        new SQLTransientConnectionException("Connection is not available, request timed out", "08001"));
            }
        };
        GroupCommitCommandBus bus = bus(unreachable);
        bus.subscribe(PostMessage.class.getName(), command -> null);
        List<CommandResultMessage<?>> answers = new CopyOnWriteArrayList<>();
        UUID room = UUID.randomUUID();
        for (int i = 0; i < GROUP; i++) {
            // queued before the worker starts, so that it takes them as one group
            bus.dispatch(asCommandMessage(new PostMessage(room, UUID.randomUUID(), UUID.randomUUID(), "post " + i,
                    null, null, List.of(), Instant.now())), (command, answer) -> answers.add(answer));
        }
        bus.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (answers.size() < GROUP && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(answers).hasSize(GROUP);
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.isExceptional()).isTrue();
                assertThat(GroupCommitCommandBus.databaseUnreachable(answer.exceptionResult())).isTrue();
            });
            assertThat(transactionsTried).as("one try for the group, none per command").hasValue(1);
        } finally {
            bus.stop();
        }
    }

    @Test
    void onlyTheDatabaseBeingAwayCountsAsUnreachable() {
        assertThat(GroupCommitCommandBus.databaseUnreachable(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("timed out", "08001")))).isTrue();
        assertThat(GroupCommitCommandBus.databaseUnreachable(new RuntimeException(
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(GroupCommitCommandBus.databaseUnreachable(new RuntimeException(
                new SQLException("Connection is closed")))).isTrue();
        assertThat(GroupCommitCommandBus.databaseUnreachable(new DuplicateKeyException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(GroupCommitCommandBus.databaseUnreachable(new IllegalStateException("a rule"))).isFalse();
    }

    private static GroupCommitCommandBus bus(TransactionManager transactions) {
        GroupCommitCommandBus.Builder builder = GroupCommitCommandBus.builder();
        builder.transactionManager(transactions);
        return new GroupCommitCommandBus(builder, () -> {
            throw new SQLTransientConnectionException("no connection", "08001");
        }, command -> true, List.of(), new GroupCommitProperties(1, 64, 1024), new SimpleMeterRegistry());
    }
}

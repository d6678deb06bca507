package io.eventchat.query.rebuild;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The transaction manager of a rebuildable projection's live processor: every transaction it starts first takes the
 * projection's advisory lock in shared mode. A rebuild takes the same lock exclusively for the moment it swaps the
 * new tables in, so no live batch writes to the tables while they are swapped, and none is half-way through then.
 * Live batches never wait for each other (shared mode); they wait only during a swap.
 */
final class RebuildGuard implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcClient jdbc;
    private final String projection;

    RebuildGuard(TransactionManager delegate, JdbcClient jdbc, String projection) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.projection = projection;
    }

    /** The advisory lock key of a projection, as SQL taking a {@code :name} parameter. */
    static String lockKey() {
        return "hashtext('projection:' || :name)";
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            jdbc.sql("SELECT pg_advisory_xact_lock_shared(" + lockKey() + ")::text")
                    .param("name", projection).query(String.class).list();
            return transaction;
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
    }
}

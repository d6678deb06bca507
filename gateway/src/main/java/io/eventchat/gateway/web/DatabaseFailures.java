package io.eventchat.gateway.web;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot be reached (down, restarting, out of connections) from every other failure, however
 * deeply Axon, Spring or Hibernate wrapped it: the caller gets {@code 503 DATABASE_UNAVAILABLE} and may retry,
 * instead of a 500.
 */
final class DatabaseFailures {

    /** HikariCP's message for a statement on a connection it has closed; it carries no SQL state. */
    private static final String CLOSED_BY_THE_POOL = "Connection is closed";

    private DatabaseFailures() {
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            // connection exceptions (08), operator intervention such as a shutdown in progress (57)
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57"))) {
                return true;
            }
            if (t instanceof SQLException sql && isClosedByThePool(sql)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The pool (HikariCP) closes a connection it has seen break (the server shut down or restarted under a
     * transaction); every later statement of that transaction on it fails with "Connection is closed" and no SQL
     * state, which is the database going away, not the request. Found by bench/faults/postgres.sh: a post that had
     * read through such a connection was answered 500.
     */
    private static boolean isClosedByThePool(SQLException sql) {
        return sql.getSQLState() == null && CLOSED_BY_THE_POOL.equals(sql.getMessage());
    }
}

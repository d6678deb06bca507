package io.eventchat.gateway.web;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventchat.gateway.support.TestServices;
import org.axonframework.common.jdbc.JdbcException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database going away under a transaction is told from every other failure however it surfaces, so the caller gets
 * 503 DATABASE_UNAVAILABLE, never a 500: here the connection's server process is terminated (as a PostgreSQL restart
 * does to every connection), the pool marks the connection broken and closes it, and the transaction's next statement
 * fails with the pool's "Connection is closed", which carries no SQL state (bench/faults/postgres.sh met it as a 500).
 */
class DatabaseFailuresIT {

    @Test
    void everyStatementOfATransactionWhoseConnectionBrokeIsTheDatabaseBeingUnavailable() throws Exception {
        try (HikariDataSource pool = pool(2); Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            long pid;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
                rows.next();
                pid = rows.getLong(1);
            }
            try (Connection other = pool.getConnection(); Statement statement = other.createStatement()) {
                // waits (up to 5 s) until the process is gone, so the next statement meets a dead connection
                statement.execute("SELECT pg_terminate_backend(" + pid + ", 5000)");
            }

            assertThatThrownBy(() -> connection.createStatement().executeQuery("SELECT 1"))
                    .isInstanceOfSatisfying(SQLException.class,
                            broke -> assertThat(DatabaseFailures.isUnavailable(broke)).as(broke.toString()).isTrue());

            assertThatThrownBy(() -> connection.prepareStatement("SELECT 1"))
                    .isInstanceOfSatisfying(SQLException.class, closed -> {
                        assertThat(closed.getSQLState()).isNull();
                        // as Axon's event store hands it on when it loads an aggregate
                        assertThat(DatabaseFailures.isUnavailable(
                                new JdbcException("Failed to create a SQL statement", closed)))
                                .as(closed.toString()).isTrue();
                    });
        }
    }

    @Test
    void aStatementTheDatabaseRefusesIsNotUnavailability() {
        try (HikariDataSource pool = pool(1)) {
            assertThatThrownBy(() -> {
                try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1/0");
                }
            }).isInstanceOfSatisfying(SQLException.class,
                    refused -> assertThat(DatabaseFailures.isUnavailable(refused)).isFalse());
        }
    }

    /** A pool of its own on the server's maintenance database (the tests' database may not exist yet). */
    private static HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestServices.urlOf("postgres"));
        config.setUsername(TestServices.DB_USER);
        config.setPassword(TestServices.DB_PASSWORD);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }
}

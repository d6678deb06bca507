package io.eventchat.gateway.bootstrap;

import io.eventchat.gateway.support.TestServices;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseCreatorIT {

    private static boolean exists(String database) throws SQLException {
        return TestServices.count("SELECT count(*) FROM pg_database WHERE datname = ?", database) == 1;
    }

    private static void execute(String sql) throws SQLException {
        TestServices.execute(sql);
    }

    @Test
    void createsAMissingDatabaseOnceAndLeavesAnExistingOneAlone() throws SQLException {
        String database = "chat_created_" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(exists(database)).isFalse();
        try {
            DatabaseCreator.ensureExists(TestServices.urlOf(database), TestServices.DB_USER, TestServices.DB_PASSWORD);
            assertThat(exists(database)).isTrue();
            DatabaseCreator.ensureExists(TestServices.urlOf(database), TestServices.DB_USER, TestServices.DB_PASSWORD);
            assertThat(exists(database)).isTrue();
        } finally {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void aUserWhoMayNotCreateItGetsOneClearLine() throws SQLException {
        String role = "chat_nocreate_" + UUID.randomUUID().toString().substring(0, 8);
        String database = "chat_missing_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD 'pw-" + role + "'");
        try {
            assertThatThrownBy(() -> DatabaseCreator.ensureExists(TestServices.urlOf(database), role, "pw-" + role))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("Database '" + database + "' does not exist")
                    .hasMessageContaining("CHAT_DB_URL");
            assertThat(exists(database)).isFalse();
            assertThat(new DatabaseFailureAnalyzer().analyze(new IllegalStateException(
                    new DatabaseUnavailableException("one line", null))).getDescription()).isEqualTo("one line");
        } finally {
            execute("DROP ROLE IF EXISTS " + role);
        }
    }
}

package io.eventchat.query.support;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The PostgreSQL the query side's projection tests run against, with this module's migrations applied: the
 * projections' SQL is PostgreSQL's own (upserts, partial indexes), so no stand-in would test it. Like the gateway's
 * TestServices: a throw-away Testcontainer where a Docker engine is available, otherwise a database of these tests'
 * own on the local server ({@code CHAT_TEST_DB_URL}'s name with {@code _query} appended), dropped and created afresh
 * once per test JVM.
 */
public final class TestDatabase {

    private static final Map<String, String> ENV = System.getenv();

    /** A client on the migrated database; every test works on rows of its own ids. */
    public static final JdbcClient JDBC;

    static {
        String url;
        String user;
        String password;
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:15-alpine"));
            postgres.start();
            url = postgres.getJdbcUrl();
            user = postgres.getUsername();
            password = postgres.getPassword();
        } else {
            String base = ENV.getOrDefault("CHAT_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/chat_it");
            user = ENV.getOrDefault("CHAT_TEST_DB_USER", "postgres");
            password = ENV.getOrDefault("CHAT_TEST_DB_PASSWORD", "");
            URI server = URI.create(base.substring("jdbc:".length()));
            String database = server.getPath().substring(1) + "_query";
            String prefix = "jdbc:postgresql://" + server.getHost() + ":" + server.getPort() + "/";
            recreate(prefix + "postgres", user, password, database);
            url = prefix + database;
        }
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, password);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JDBC = JdbcClient.create(dataSource);
    }

    private TestDatabase() {
    }

    private static void recreate(String adminUrl, String user, String password, String database) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            statement.execute("CREATE DATABASE \"" + database + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database " + database + " at " + adminUrl
                    + ": is PostgreSQL running?", e);
        }
    }
}

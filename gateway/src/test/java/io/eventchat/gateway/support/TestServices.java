package io.eventchat.gateway.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real PostgreSQL and Redis every integration test talks to. Where a Docker engine is available they are
 * throw-away Testcontainers; otherwise the machine's own services (127.0.0.1:5432 and :6379, overridable with
 * {@code CHAT_TEST_DB_URL}, {@code CHAT_TEST_DB_USER}, {@code CHAT_TEST_DB_PASSWORD}, {@code CHAT_TEST_REDIS_URL}),
 * in a database of the tests' own that is dropped and created afresh once per test JVM, and a Redis database
 * index of their own, so a developer's data is never touched.
 */
public final class TestServices {

    private static final Logger log = LoggerFactory.getLogger(TestServices.class);
    private static final Map<String, String> ENV = System.getenv();

    public static final String DB_URL;
    public static final String DB_USER;
    public static final String DB_PASSWORD;
    public static final String REDIS_URL;
    /** Where every application instance of the suite stores attachments: a fresh directory per run. */
    public static final Path ATTACHMENTS_DIR = temporaryDirectory();

    static {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:15-alpine"));
            postgres.start();
            GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
                    .withExposedPorts(6379);
            redis.start();
            DB_URL = postgres.getJdbcUrl();
            DB_USER = postgres.getUsername();
            DB_PASSWORD = postgres.getPassword();
            REDIS_URL = "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
            log.info("Integration tests use Testcontainers: {} and {}", DB_URL, REDIS_URL);
        } else {
            DB_URL = ENV.getOrDefault("CHAT_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/chat_it");
            DB_USER = ENV.getOrDefault("CHAT_TEST_DB_USER", "postgres");
            DB_PASSWORD = ENV.getOrDefault("CHAT_TEST_DB_PASSWORD", "");
            REDIS_URL = ENV.getOrDefault("CHAT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15");
            recreateDatabase();
            flushRedis();
            log.info("No Docker engine: integration tests use the local services, {} and {}", DB_URL, REDIS_URL);
        }
    }

    /** This test run's push channel: pub/sub is server-wide, and other runs may share the Redis server. */
    public static final String PUSH_CHANNEL = "chat:push:it-" + ProcessHandle.current().pid();

    private TestServices() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("eventchat-it-attachments");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> properties() {
        // one list for the test contexts and the extra nodes they start: a node on another push channel would
        // neither hear nor reach the others
        return Map.of("spring.datasource.url", DB_URL, "spring.datasource.username", DB_USER,
                "spring.datasource.password", DB_PASSWORD, "spring.data.redis.url", REDIS_URL,
                "chat.attachments.dir", ATTACHMENTS_DIR.toString(), "chat.push.channel", PUSH_CHANNEL);
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD);
    }

    /** Every row of a query on the tests' database, each as its column values. */
    public static List<List<Object>> rows(String sql, Object... params) throws SQLException {
        return query(DB_URL, sql, params);
    }

    /** The single number a query answers (a count, a max) on the tests' database. */
    public static long count(String sql, Object... params) throws SQLException {
        return countIn(DB_URL, sql, params);
    }

    /** The single number a query answers on another database of the same server. */
    public static long countIn(String url, String sql, Object... params) throws SQLException {
        return ((Number) query(url, sql, params).get(0).get(0)).longValue();
    }

    /**
     * Whether a room is one of this suite's (has events in its store). The push channel is a Redis pub/sub channel,
     * and Redis delivers pub/sub across database indexes: other applications on the same Redis publish there too.
     */
    public static boolean isRoomOfThisSuite(String roomId) {
        try {
            return !roomId.isEmpty() && count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    roomId) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<List<Object>> query(String url, String sql, Object... params) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, DB_USER, DB_PASSWORD);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.add(rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** A JDBC URL for another database on the same server. */
    public static String urlOf(String database) {
        URI uri = URI.create(DB_URL.substring("jdbc:".length()));
        return "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + database;
    }

    private static void flushRedis() {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(REDIS_URL);
        try (var connection = client.connect()) {
            connection.sync().flushdb();
        } finally {
            client.shutdown();
        }
    }

    private static void recreateDatabase() {
        String database = URI.create(DB_URL.substring("jdbc:".length())).getPath().substring(1);
        try (Connection connection = DriverManager.getConnection(urlOf("postgres"), DB_USER, DB_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            statement.execute("CREATE DATABASE \"" + database + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database " + database + " at " + DB_URL
                    + ": is PostgreSQL running?", e);
        }
    }
}

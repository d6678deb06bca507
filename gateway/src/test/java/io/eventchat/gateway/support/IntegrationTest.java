package io.eventchat.gateway.support;

import io.eventchat.ChatApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/** Runs the whole application on a random port against the real PostgreSQL and Redis of {@link TestServices}. */
@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "chat.jwt.secret=" + IntegrationTest.JWT_SECRET,
                "chat.admin.username=" + IntegrationTest.ADMIN,
                "chat.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                // every test client is 127.0.0.1: per-address limits would make the suite depend on test order
                "chat.rate-limit.registrations-per-client.capacity=100000",
                "chat.rate-limit.login-failures-per-client.capacity=100000",
                // several application instances share one PostgreSQL (max_connections 100) during the suite
                "spring.datasource.hikari.maximum-pool-size=12", "chat.commands.max-concurrent=6"})
public abstract class IntegrationTest {

    public static final String JWT_SECRET = "integration-test-secret-of-32-bytes-or-more";
    public static final String ADMIN = "itadmin";
    public static final String ADMIN_PASSWORD = "itadmin-password";

    @LocalServerPort
    protected int port;

    /** The actuator's own port (CHAT_MANAGEMENT_PORT; a random one in tests): health, info and prometheus. */
    @LocalManagementPort
    protected int managementPort;

    protected Api api;

    /** A client of the management port. */
    protected Api management;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.register(registry);
    }

    @BeforeEach
    void client() {
        api = new Api(port);
        management = new Api(managementPort);
    }

    /** Creates a group room owned by {@code owner} with {@code others}, and returns its id. */
    protected String groupRoom(Api.Session owner, java.util.UUID... others) {
        Api.Response created = api.post("/api/rooms", java.util.Map.of("name", "Room of " + owner.username(),
                "type", "GROUP", "participantIds", java.util.List.of(others)), owner.token());
        if (created.status() != 201) {
            throw new AssertionError("room not created: " + created);
        }
        return created.json().path("id").asString();
    }

    /** Posts a message and returns its JSON. */
    protected tools.jackson.databind.JsonNode post(Api.Session sender, String roomId, String content) {
        Api.Response posted = api.post("/api/rooms/" + roomId + "/messages", java.util.Map.of("content", content),
                sender.token());
        if (posted.status() != 201) {
            throw new AssertionError("message not posted: " + posted);
        }
        return posted.json();
    }

    /** A correctly signed access token of {@code user} that expired two minutes ago, beyond the 60 s clock skew. */
    protected static String expiredTokenOf(Api.Session user) {
        var key = io.jsonwebtoken.security.Keys.hmacShaKeyFor(JWT_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.time.Instant now = java.time.Instant.now();
        return io.jsonwebtoken.Jwts.builder().header().type("at+jwt").and().subject(user.id().toString())
                .issuer("eventchat").audience().add("eventchat-api").and()
                .issuedAt(java.util.Date.from(now.minusSeconds(3600)))
                .expiration(java.util.Date.from(now.minusSeconds(120)))
                .claim("username", user.username()).claim("role", "USER")
                .signWith(key, io.jsonwebtoken.Jwts.SIG.HS256).compact();
    }

    /** Projections are eventually consistent: polls a read (for at most 10 s) until it shows what is expected. */
    protected static <T> T eventually(Supplier<T> read, Predicate<T> until) {
        AtomicReference<T> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> until.test(last.updateAndGet(previous -> read.get())));
        return last.get();
    }
}

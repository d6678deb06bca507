package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.eventchat.gateway.support.Api.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits and the absolute lifetime of a login, on an application of its own with small limits and a short
 * refresh-token lifetime (the shared suite raises the per-address limits out of reach, because all its clients are
 * 127.0.0.1, and its write limit refills faster than a loaded machine can send). Forwarded headers are on, as behind a reverse proxy, so each client here has an address of its own
 * in {@code X-Forwarded-For}.
 */
@DirtiesContext
class TightLimitsIT extends IntegrationTest {

    private static final int FAILURES_PER_CLIENT = 4;
    private static final int FAILURES_PER_ACCOUNT_AND_CLIENT = 3;
    private static final int FAILURES_PER_ACCOUNT = 6;
    private static final Duration ACCOUNT_PERIOD = Duration.ofSeconds(60);
    private static final int REGISTRATIONS_PER_CLIENT = 2;
    private static final int WRITES_PER_USER = 5;
    private static final Duration WRITES_PERIOD = Duration.ofMinutes(5);
    private static final Duration REFRESH_TOKEN_TTL = Duration.ofSeconds(5);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    /** Dynamic properties outrank the inlined ones of {@link IntegrationTest}, which this class must override. */
    @DynamicPropertySource
    static void tightLimits(DynamicPropertyRegistry registry) {
        registry.add("server.forward-headers-strategy", () -> "native");
        registry.add("chat.rate-limit.login-failures-per-client.capacity", () -> FAILURES_PER_CLIENT);
        registry.add("chat.rate-limit.login-failures-per-account-and-client.capacity",
                () -> FAILURES_PER_ACCOUNT_AND_CLIENT);
        registry.add("chat.rate-limit.login-failures-per-account.capacity", () -> FAILURES_PER_ACCOUNT);
        registry.add("chat.rate-limit.login-failures-per-account.period", ACCOUNT_PERIOD::toString);
        registry.add("chat.rate-limit.registrations-per-client.capacity", () -> REGISTRATIONS_PER_CLIENT);
        // slow enough that no token comes back during the test, however loaded the machine is
        registry.add("chat.rate-limit.writes.capacity", () -> WRITES_PER_USER);
        registry.add("chat.rate-limit.writes.period", WRITES_PERIOD::toString);
        registry.add("chat.jwt.refresh-token-ttl", REFRESH_TOKEN_TTL::toString);
    }

    /** A client address no other request of this run has used (198.18.0.0/15 is reserved for such tests). */
    private Api somewhere() {
        int n = ADDRESSES.incrementAndGet();
        return api.from("198." + (18 + ((n >> 16) & 1)) + "." + ((n >> 8) & 255) + "." + (n & 255));
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertRateLimited(Api.Response response, long maxRetryAfterSeconds) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(response.retryAfter())).isBetween(1L, maxRetryAfterSeconds);
    }

    @Test
    void failedLoginsFromOneAddressBlockThatAddressOnly() {
        Api.Session owner = somewhere().register("owner");
        Api prober = somewhere();
        for (int i = 0; i < FAILURES_PER_CLIENT; i++) {
            assertThat(prober.login(unique("ghost"), "guess-" + i).code()).isEqualTo("BAD_CREDENTIALS");
        }
        // the address is blocked whatever it tries, even a right password of an account it never guessed at
        assertRateLimited(prober.login(owner.username(), passwordOf(owner.username())), 600);
        assertThat(somewhere().login(owner.username(), passwordOf(owner.username())).status()).isEqualTo(200);
    }

    @Test
    void theOwnerLogsInFromElsewhereWhileTheGuessersAddressIsBlocked() {
        Api.Session owner = somewhere().register("guessed");
        Api guesser = somewhere();
        for (int i = 0; i < FAILURES_PER_ACCOUNT_AND_CLIENT; i++) {
            assertThat(guesser.login(owner.username(), "guess-" + i).code()).isEqualTo("BAD_CREDENTIALS");
        }
        assertRateLimited(guesser.login(owner.username(), passwordOf(owner.username())), 300);
        assertThat(somewhere().login(owner.username(), passwordOf(owner.username())).status()).isEqualTo(200);
        assertThat(somewhere().login(owner.username() + "@example.org", passwordOf(owner.username())).status())
                .isEqualTo(200);
    }

    @Test
    void aGuessSpreadOverManyAddressesLocksTheAccountOnlyBriefly() throws InterruptedException {
        Api.Session owner = somewhere().register("besieged");
        for (int failures = 0; failures < FAILURES_PER_ACCOUNT; failures += 2) {
            Api guesser = somewhere();
            assertThat(guesser.login(owner.username(), "guess-a").code()).isEqualTo("BAD_CREDENTIALS");
            assertThat(guesser.login(owner.username(), "guess-b").code()).isEqualTo("BAD_CREDENTIALS");
        }
        // the account's own bucket is empty now, so the owner waits too, but only until one guess has refilled
        Api home = somewhere();
        Api.Response locked = home.login(owner.username(), passwordOf(owner.username()));
        long refillSeconds = ACCOUNT_PERIOD.toSeconds() / FAILURES_PER_ACCOUNT;
        assertRateLimited(locked, refillSeconds);
        TimeUnit.SECONDS.sleep(Long.parseLong(locked.retryAfter()));
        assertThat(home.login(owner.username(), passwordOf(owner.username())).status()).isEqualTo(200);
    }

    @Test
    void registrationsAreLimitedPerAddress() {
        Api crowded = somewhere();
        for (int i = 0; i < REGISTRATIONS_PER_CLIENT; i++) {
            crowded.register("bulk");
        }
        String name = unique("bulk");
        Map<String, String> body = Map.of("username", name, "email", name + "@example.org", "password", "password1");
        assertRateLimited(crowded.post("/api/auth/register", body, null), 3600);
        assertThat(somewhere().post("/api/auth/register", body, null).status()).isEqualTo(201);
    }

    @Test
    void eachUsersWritesAreLimited() {
        Api.Session user = somewhere().register("chatty");
        for (int i = 0; i < WRITES_PER_USER; i++) {
            assertThat(api.post("/api/rooms", Map.of("type", "GROUP"), user.token()).status()).isEqualTo(201);
        }
        assertRateLimited(api.post("/api/rooms", Map.of("type", "GROUP"), user.token()),
                WRITES_PERIOD.toSeconds() / WRITES_PER_USER);
        assertRateLimited(api.request("PATCH", "/api/users/me", Map.of("displayName", "Quiet"), user.token()),
                WRITES_PERIOD.toSeconds() / WRITES_PER_USER);
        // reads are not limited, and the next user has a bucket of their own
        assertThat(api.get("/api/users/me", user.token()).status()).isEqualTo(200);
        Api.Session other = somewhere().register("calm");
        assertThat(api.post("/api/rooms", Map.of("type", "GROUP"), other.token()).status()).isEqualTo(201);
    }

    @Test
    void aLoginEndsAtItsAbsoluteLifetimeHoweverOftenItsTokenIsRotated() throws InterruptedException {
        Api client = somewhere();
        Api.Session user = client.register("lasting");
        // the family's deadline is at most this instant plus the lifetime: it was set before the answer arrived
        long registeredAt = System.nanoTime();
        String token = user.refreshToken();
        for (int i = 0; i < 2; i++) {
            TimeUnit.MILLISECONDS.sleep(1500);
            Api.Response rotated = client.post("/api/auth/refresh", Map.of("refreshToken", token), null);
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            token = rotated.json().path("refreshToken").asString();
        }
        // a lifetime restarted by each rotation would keep the newest token valid until 2.7 s or more after this
        TimeUnit.NANOSECONDS.sleep(registeredAt + REFRESH_TOKEN_TTL.plusMillis(300).toNanos() - System.nanoTime());
        Api.Response late = client.post("/api/auth/refresh", Map.of("refreshToken", token), null);
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.code()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(client.login(user.username(), passwordOf(user.username())).status()).isEqualTo(200);
    }
}

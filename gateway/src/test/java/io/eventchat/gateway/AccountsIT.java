package io.eventchat.gateway;

import io.eventchat.gateway.support.Api;
import io.eventchat.gateway.support.IntegrationTest;
import io.eventchat.gateway.support.TestServices;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import static io.eventchat.gateway.support.Api.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Accounts, sessions, roles and contacts, through HTTP as a client uses them. */
class AccountsIT extends IntegrationTest {

    private static <T> List<T> parallel(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What an access token gets once its account has changed: the gateway keeps an account's status for a second on
     * other nodes than the one that made the change, so the change shows within that (three seconds here, for a
     * loaded machine), not when the token expires.
     */
    private static Api.Response soon(Supplier<Api.Response> read, Predicate<Api.Response> until) {
        AtomicReference<Api.Response> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> until.test(last.updateAndGet(previous -> read.get())));
        return last.get();
    }

    private Api.Response refresh(String token) {
        return api.post("/api/auth/refresh", Map.of("refreshToken", token), null);
    }

    private static List<String> usernames(Api.Response list) {
        return StreamSupport.stream(list.json().path("items").spliterator(), false)
                .map(item -> item.path("username").asString()).toList();
    }

    @Test
    void registerAnswersTheProfileAndBothTokens() {
        String name = "fresh_" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response response = api.post("/api/auth/register", Map.of("username", name, "email", name + "@example.org",
                "password", "password1", "displayName", "  Fresh Face "), null);
        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
        assertThat(body.path("refreshToken").asString()).startsWith("rt_");
        assertThat(body.path("user").path("displayName").asString()).isEqualTo("Fresh Face");
        assertThat(body.path("user").path("role").asString()).isEqualTo("USER");
        assertThat(body.path("user").has("passwordHash")).isFalse();
    }

    @Test
    void refreshRotatesAndReusingARotatedTokenRevokesTheWholeFamily() {
        Api.Session user = api.register("rotor");
        Api.Response first = refresh(user.refreshToken());
        assertThat(first.status()).isEqualTo(200);
        String second = first.json().path("refreshToken").asString();
        assertThat(second).isNotEqualTo(user.refreshToken());
        assertThat(api.get("/api/users/me", first.json().path("accessToken").asString()).status()).isEqualTo(200);
        Api.Response secondRotation = refresh(second); // the successor is used: the first token is history
        assertThat(secondRotation.status()).isEqualTo(200);
        String third = secondRotation.json().path("refreshToken").asString();

        Api.Response reuse = refresh(user.refreshToken());
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.code()).isEqualTo("REFRESH_TOKEN_REUSED");
        Api.Response afterRevocation = refresh(third);
        assertThat(afterRevocation.status()).isEqualTo(401);
        assertThat(afterRevocation.code()).isEqualTo("INVALID_REFRESH_TOKEN");
        // whoever holds the family's access tokens (the thief or the owner) is out at once, not in 15 minutes
        assertThat(api.get("/api/users/me", secondRotation.json().path("accessToken").asString()).code())
                .isEqualTo("LOGIN_ENDED");
        assertThat(api.get("/api/users/me", user.token()).code()).isEqualTo("LOGIN_ENDED");
        assertThat(refresh("rt_made-up").code()).isEqualTo("INVALID_REFRESH_TOKEN");
    }

    @Test
    void ofParallelRefreshesOfOneTokenOnlyOneSuccessorStaysLive() throws Exception {
        Api.Session user = api.register("racer");
        // within the reuse grace each answer retires the successor before it (a lost answer), so however many
        // succeed, the login has exactly one live refresh token afterwards
        List<Integer> statuses = parallel(8, () -> refresh(user.refreshToken()).status());
        assertThat(statuses).allMatch(s -> s == 200 || s == 401);
        assertThat(statuses).contains(200);
        assertThat(TestServices.count("SELECT count(*) FROM refresh_token WHERE user_id = ? AND rotated_at IS NULL "
                + "AND revoked_at IS NULL", user.id())).isEqualTo(1);
    }

    @Test
    void aRefreshTokenIsNoAccessToken() {
        Api.Session user = api.register("confuser");
        Api.Response response = api.get("/api/users/me", user.refreshToken());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void aRefreshWhoseAnswerWasLostMayBeRepeatedWhileItsSuccessorIsUnused() {
        Api.Session user = api.register("reloader");
        // a page reloads while its refresh is in flight: the server rotated the token, the answer never arrived
        Api.Response lost = refresh(user.refreshToken());
        assertThat(lost.status()).isEqualTo(200);
        // the reloaded page presents the old token again: a fresh pair, the login goes on
        Api.Response again = refresh(user.refreshToken());
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        String current = again.json().path("refreshToken").asString();
        assertThat(current).isNotEqualTo(lost.json().path("refreshToken").asString());
        // the successor whose answer was lost is retired with it; the current one rotates as usual
        Api.Response next = refresh(current);
        assertThat(next.status()).isEqualTo(200);
        // once a successor has been used, the old token presented again is a replay
        Api.Response replay = refresh(user.refreshToken());
        assertThat(replay.code()).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(refresh(next.json().path("refreshToken").asString()).code()).isEqualTo("INVALID_REFRESH_TOKEN");

        // the retired successor turning up after all means two holders of one login: a replay too
        Api.Session other = api.register("reloader2");
        String retired = refresh(other.refreshToken()).json().path("refreshToken").asString();
        String kept = refresh(other.refreshToken()).json().path("refreshToken").asString();
        assertThat(refresh(retired).code()).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(refresh(kept).code()).isEqualTo("INVALID_REFRESH_TOKEN");
    }

    @Test
    void logoutEndsTheLoginAndItsAccessTokensAtOnceButNoOtherLogin() {
        Api.Session user = api.register("leaver");
        Api.Session otherDevice = api.session(user.username(), passwordOf(user.username()));
        assertThat(api.get("/api/users/me", user.token()).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", user.refreshToken()), user.token()).status())
                .isEqualTo(204);
        assertThat(refresh(user.refreshToken()).code()).isEqualTo("INVALID_REFRESH_TOKEN");
        Api.Response afterLogout = api.get("/api/users/me", user.token());
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.code()).isEqualTo("LOGIN_ENDED");
        assertThat(api.get("/api/users/me", otherDevice.token()).status()).isEqualTo(200);
        assertThat(refresh(otherDevice.refreshToken()).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", user.refreshToken()), null).status())
                .isEqualTo(401);
    }

    @Test
    void expiredAndForeignAccessTokensAreUnauthorized() {
        Api.Session user = api.register("timely");
        String expired = expiredTokenOf(user);
        Api.Response response = api.get("/api/users/me", expired);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("TOKEN_EXPIRED");

        String foreign = Jwts.builder().header().type("at+jwt").and().subject(user.id().toString())
                .issuer("eventchat").audience().add("eventchat-api").and()
                .expiration(Date.from(Instant.now().plusSeconds(600)))
                .claim("username", user.username()).claim("role", "ADMIN")
                .signWith(Keys.hmacShaKeyFor("some-other-secret-that-is-32-bytes!!".getBytes(StandardCharsets.UTF_8)),
                        Jwts.SIG.HS256).compact();
        assertThat(api.get("/api/admin/users", foreign).code()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void twentyParallelRegistrationsOfOneNameGiveExactlyOneAccount() throws Exception {
        String name = "Popular_" + UUID.randomUUID().toString().substring(0, 6);
        List<Api.Response> responses = parallel(20, () -> {
            String unique = UUID.randomUUID().toString().substring(0, 8);
            return api.post("/api/auth/register", Map.of("username", Math.random() < 0.5 ? name : name.toLowerCase(),
                    "email", unique + "@example.org", "password", "password1"), null);
        });
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        List<Api.Response> conflicts = responses.stream().filter(r -> r.status() == 409).toList();
        assertThat(conflicts).hasSize(19);
        assertThat(conflicts).allSatisfy(r -> assertThat(r.code()).isEqualTo("USERNAME_TAKEN"));
        assertThat(TestServices.count("SELECT count(*) FROM user_account WHERE lower(username) = lower(?)", name)).isEqualTo(1);
    }

    @Test
    void ownProfileCanBeReadAndChangedButNotTheRole() {
        Api.Session user = api.register("profiled");
        Api.Session other = api.register("other");
        JsonNode me = api.get("/api/users/me", user.token()).json();
        assertThat(me.path("email").asString()).isEqualTo(user.username() + "@example.org");
        assertThat(me.path("role").asString()).isEqualTo("USER");
        assertThat(me.has("passwordHash")).isFalse();

        Api.Response changed = api.request("PATCH", "/api/users/me", Map.of("displayName", "New Name",
                "email", "new-" + user.username() + "@example.org", "role", "ADMIN", "id", other.id(),
                "createdAt", "2000-01-01T00:00:00Z"), user.token());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("displayName").asString()).isEqualTo("New Name");
        assertThat(changed.json().path("email").asString()).isEqualTo("new-" + user.username() + "@example.org");
        assertThat(changed.json().path("role").asString()).isEqualTo("USER");
        assertThat(changed.json().path("id").asString()).isEqualTo(user.id().toString());
        assertThat(changed.json().path("createdAt").asString()).isEqualTo(me.path("createdAt").asString());
        JsonNode reread = api.get("/api/users/me", user.token()).json();
        assertThat(reread.path("role").asString()).isEqualTo("USER");
        assertThat(reread.path("createdAt").asString()).isEqualTo(me.path("createdAt").asString());

        Api.Response taken = api.request("PATCH", "/api/users/me",
                Map.of("email", other.username().toUpperCase() + "@example.org"), user.token());
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("EMAIL_TAKEN");
        assertThat(api.request("PATCH", "/api/users/me", Map.of(), user.token()).code()).isEqualTo("VALIDATION_FAILED");

        Api.Response publicProfile = eventually(() -> api.get("/api/users/" + user.id(), other.token()),
                r -> r.status() == 200 && "New Name".equals(r.json().path("displayName").asString()));
        assertThat(publicProfile.json().has("email")).isFalse();
        assertThat(publicProfile.json().path("username").asString()).isEqualTo(user.username());
        assertThat(publicProfile.json().path("online").asBoolean()).isFalse();

        Api.Response found = eventually(() -> api.get("/api/users?q=" + user.username().substring(0, 10), other.token()),
                r -> usernames(r).contains(user.username()));
        assertThat(found.body()).doesNotContain("@example.org");
        assertThat(api.get("/api/users/" + UUID.randomUUID(), user.token()).code()).isEqualTo("USER_NOT_FOUND");
        assertThat(api.get("/api/users/nope", user.token()).code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aSearchLimitAboveTheMaximumIsCappedNotRefused() {
        Api.Session user = api.register("capped");
        Api.Response found = eventually(() -> api.get("/api/users?q=" + user.username() + "&limit=5000", user.token()),
                r -> r.status() != 200 || usernames(r).contains(user.username()));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(usernames(found)).containsExactly(user.username());
        assertThat(api.get("/api/users?q=" + user.username() + "&limit=0", user.token()).code())
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void aPasswordChangeEndsEverySession() {
        Api.Session user = api.register("changer");
        Api.Session secondDevice = api.session(user.username(), passwordOf(user.username()));
        Api.Response wrong = api.post("/api/users/me/password",
                Map.of("currentPassword", "not-it-at-all", "newPassword", "brand-new-pass"), user.token());
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.code()).isEqualTo("WRONG_PASSWORD");
        assertThat(api.post("/api/users/me/password", Map.of("currentPassword", passwordOf(user.username()),
                "newPassword", "brand-new-pass"), user.token()).status()).isEqualTo(204);

        assertThat(refresh(user.refreshToken()).status()).isEqualTo(401);
        assertThat(refresh(secondDevice.refreshToken()).status()).isEqualTo(401);
        assertThat(api.get("/api/users/me", secondDevice.token()).code()).isEqualTo("LOGIN_ENDED");
        assertThat(api.get("/api/users/me", user.token()).code()).isEqualTo("LOGIN_ENDED");
        assertThat(api.login(user.username(), passwordOf(user.username())).code()).isEqualTo("BAD_CREDENTIALS");
        assertThat(api.login(user.username(), "brand-new-pass").status()).isEqualTo(200);
    }

    @Test
    void aDeactivatedAccountCanNoLongerLogIn() {
        Api.Session user = api.register("quitter");
        assertThat(api.request("DELETE", "/api/users/me", user.token()).status()).isEqualTo(204);
        Api.Response afterwards = soon(() -> api.get("/api/users/me", user.token()), r -> r.status() != 200);
        assertThat(afterwards.status()).isEqualTo(403);
        assertThat(afterwards.code()).isEqualTo("ACCOUNT_DEACTIVATED");
        Api.Response login = api.login(user.username(), passwordOf(user.username()));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.code()).isEqualTo("ACCOUNT_DEACTIVATED");
        assertThat(refresh(user.refreshToken()).status()).isEqualTo(401);
        eventually(() -> api.get("/api/users/" + user.id(), api.register("looker").token()), r -> r.status() == 404);
    }

    @Test
    void repeatedFailedLoginsAreRateLimitedWithRetryAfter() {
        Api.Session user = api.register("targeted");
        for (int i = 0; i < 5; i++) {
            assertThat(api.login(user.username(), "guess-number-" + i).status()).isEqualTo(401);
        }
        Api.Response limited = api.login(user.username(), passwordOf(user.username()));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.retryAfter())).isBetween(1L, 300L);
        assertThat(api.login(user.username().toUpperCase(), "again").status()).isEqualTo(429);
    }

    @Test
    void guessesByUsernameAndByEmailCountAgainstTheOneAccount() {
        Api.Session user = api.register("twofaced");
        String email = user.username() + "@example.org";
        for (int i = 0; i < 5; i++) {
            String login = i % 2 == 0 ? user.username() : email.toUpperCase();
            assertThat(api.login(login, "guess-number-" + i).code()).isEqualTo("BAD_CREDENTIALS");
        }
        Api.Response byEmail = api.login(email, passwordOf(user.username()));
        assertThat(byEmail.status()).isEqualTo(429);
        assertThat(byEmail.code()).isEqualTo("RATE_LIMITED");
        assertThat(api.login(user.username(), passwordOf(user.username())).status()).isEqualTo(429);
    }

    @Test
    void anUnknownLoginIsLimitedLikeAKnownOne() {
        String nobody = "nobody_" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            assertThat(api.login(nobody, "guess-number-" + i).code()).isEqualTo("BAD_CREDENTIALS");
        }
        Api.Response limited = api.login(nobody.toUpperCase(), "guess-number-5");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.retryAfter())).isBetween(1L, 300L);
    }

    @Test
    void contactsAreIdempotentAndValidated() {
        Api.Session owner = api.register("social");
        Api.Session friend = api.register("friend");
        assertThat(api.request("PUT", "/api/contacts/" + friend.id(), owner.token()).status()).isEqualTo(204);
        assertThat(api.request("PUT", "/api/contacts/" + friend.id(), owner.token()).status()).isEqualTo(204);
        Api.Response self = api.request("PUT", "/api/contacts/" + owner.id(), owner.token());
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.code()).isEqualTo("CANNOT_ADD_SELF");
        Api.Response unknown = api.request("PUT", "/api/contacts/" + UUID.randomUUID(), owner.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("USER_NOT_FOUND");

        Api.Response list = eventually(() -> api.get("/api/contacts", owner.token()),
                r -> usernames(r).equals(List.of(friend.username())));
        assertThat(list.json().path("items").get(0).path("online").asBoolean()).isFalse();
        assertThat(list.json().path("items").get(0).has("email")).isFalse();

        assertThat(api.request("DELETE", "/api/contacts/" + friend.id(), owner.token()).status()).isEqualTo(204);
        assertThat(api.request("DELETE", "/api/contacts/" + friend.id(), owner.token()).status()).isEqualTo(204);
        eventually(() -> api.get("/api/contacts", owner.token()), r -> usernames(r).isEmpty());
    }

    @Test
    void adminEndpointsAreForAdminsOnly() {
        Api.Session user = api.register("plain");
        Api.Session target = api.register("target");
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        assertThat(admin.token()).isNotBlank();
        assertOnlyAdminsGetIn(user, target);

        Api.Response promoted = api.request("PATCH", "/api/admin/users/" + user.id(), Map.of("role", "MODERATOR"),
                admin.token());
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.json().path("role").asString()).isEqualTo("MODERATOR");
        Api.Session moderator = api.session(user.username(), passwordOf(user.username()));
        assertOnlyAdminsGetIn(moderator, target);
        assertThat(api.request("PATCH", "/api/admin/users/" + user.id(), Map.of("role", "ADMIN"), moderator.token())
                .status()).isEqualTo(403);

        Api.Response listed = api.get("/api/admin/users?q=" + user.username(), admin.token());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("items").get(0).path("email").asString()).isEqualTo(user.username() + "@example.org");

        Api.Response self = api.request("PATCH", "/api/admin/users/" + admin.id(), Map.of("role", "USER"), admin.token());
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.code()).isEqualTo("CANNOT_CHANGE_OWN_ACCOUNT");
        assertThat(api.request("PATCH", "/api/admin/users/" + UUID.randomUUID(), Map.of("active", false), admin.token())
                .code()).isEqualTo("USER_NOT_FOUND");
        assertThat(api.request("PATCH", "/api/admin/users/" + user.id(), Map.of("role", "OVERLORD"), admin.token())
                .code()).isEqualTo("VALIDATION_FAILED");

        assertThat(api.request("PATCH", "/api/admin/users/" + user.id(), Map.of("active", false), admin.token())
                .json().path("active").asBoolean()).isFalse();
        assertThat(api.login(user.username(), passwordOf(user.username())).code()).isEqualTo("ACCOUNT_DEACTIVATED");
        assertThat(refresh(moderator.refreshToken()).status()).isEqualTo(401);
        api.request("PATCH", "/api/admin/users/" + user.id(), Map.of("active", true), admin.token());
        assertThat(api.login(user.username(), passwordOf(user.username())).status()).isEqualTo(200);
    }

    @Test
    void anAdminsDeactivationStopsTheAccessTokenAtOnce() {
        Api.Session user = api.register("stopped");
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        assertThat(api.get("/api/users/me", user.token()).status()).isEqualTo(200);

        assertThat(api.request("PATCH", "/api/admin/users/" + user.id(), Map.of("active", false), admin.token())
                .status()).isEqualTo(200);
        Api.Response read = soon(() -> api.get("/api/users/me", user.token()), r -> r.status() != 200);
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.code()).isEqualTo("ACCOUNT_DEACTIVATED");
        Api.Response write = api.post("/api/rooms", Map.of("type", "GROUP"), user.token());
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.code()).isEqualTo("ACCOUNT_DEACTIVATED");
        // the public endpoints answer as for anyone, whatever header comes along
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken()), user.token()).code())
                .isEqualTo("INVALID_REFRESH_TOKEN");

        api.request("PATCH", "/api/admin/users/" + user.id(), Map.of("active", true), admin.token());
        soon(() -> api.get("/api/users/me", user.token()), r -> r.status() == 200);
    }

    @Test
    void aRoleChangeTakesEffectAtOnceAndEndsTheSessions() {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        Api.Session deputy = api.register("deputy");
        assertThat(api.get("/api/admin/users", deputy.token()).status()).isEqualTo(403);

        assertThat(api.request("PATCH", "/api/admin/users/" + deputy.id(), Map.of("role", "ADMIN"), admin.token())
                .status()).isEqualTo(200);
        assertThat(refresh(deputy.refreshToken()).code()).isEqualTo("INVALID_REFRESH_TOKEN");
        // the token's role claim is not what counts: the account's role is
        soon(() -> api.get("/api/admin/users", deputy.token()), r -> r.status() == 200);
        Api.Session asAdmin = api.session(deputy.username(), passwordOf(deputy.username()));
        assertThat(api.get("/api/admin/users", asAdmin.token()).status()).isEqualTo(200);

        assertThat(api.request("PATCH", "/api/admin/users/" + deputy.id(), Map.of("role", "USER"), admin.token())
                .status()).isEqualTo(200);
        Api.Response demoted = soon(() -> api.get("/api/admin/users", asAdmin.token()), r -> r.status() != 200);
        assertThat(demoted.status()).isEqualTo(403);
        assertThat(demoted.code()).isEqualTo("FORBIDDEN");
        Api.Session bystander = api.register("bystander");
        assertThat(api.request("PATCH", "/api/admin/users/" + bystander.id(), Map.of("role", "MODERATOR"),
                asAdmin.token()).status()).isEqualTo(403);
        assertThat(refresh(asAdmin.refreshToken()).code()).isEqualTo("INVALID_REFRESH_TOKEN");
        assertThat(api.get("/api/users/me", asAdmin.token()).json().path("role").asString()).isEqualTo("USER");

        // setting the role it already has changes nothing and ends no session
        Api.Session unchanged = api.session(deputy.username(), passwordOf(deputy.username()));
        api.request("PATCH", "/api/admin/users/" + deputy.id(), Map.of("role", "USER"), admin.token());
        assertThat(refresh(unchanged.refreshToken()).status()).isEqualTo(200);
    }

    /** Every admin route refuses {@code caller} with 403 FORBIDDEN, and none of them changed {@code target}. */
    private void assertOnlyAdminsGetIn(Api.Session caller, Api.Session target) {
        String account = "/api/admin/users/" + target.id();
        List<Api.Response> answers = List.of(
                api.get("/api/admin/users", caller.token()),
                api.request("PATCH", account, Map.of("role", "ADMIN"), caller.token()),
                api.request("PATCH", account, Map.of("active", false), caller.token()),
                api.request("DELETE", account + "/personal-data", caller.token()),
                api.get("/api/admin/projections", caller.token()),
                api.post("/api/admin/projections/users/rebuild", Map.of(), caller.token()),
                api.get("/api/admin/dead-letters", caller.token()),
                api.post("/api/admin/dead-letters/users/retry", Map.of(), caller.token()),
                api.get("/actuator/prometheus", caller.token()));
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("FORBIDDEN");
        });
        JsonNode unchanged = api.get("/api/users/me", target.token()).json();
        assertThat(unchanged.path("role").asString()).isEqualTo("USER");
        assertThat(unchanged.path("email").asString()).isEqualTo(target.username() + "@example.org");
    }

    @Test
    void personalDataIsSealedInEventsAndErasable() throws SQLException {
        Api.Session admin = api.session(ADMIN, ADMIN_PASSWORD);
        String name = "private_" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response registered = api.post("/api/auth/register", Map.of("username", name, "email", name + "@example.org",
                "password", "password1", "displayName", "Real Name " + name), null);
        UUID userId = UUID.fromString(registered.json().path("user").path("id").asString());
        String events = "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND "
                + "(convert_from(payload, 'UTF8') LIKE ? OR convert_from(payload, 'UTF8') LIKE ?)";
        assertThat(TestServices.count(events, userId.toString(), "%Real Name%", "%@example.org%")).isZero();
        eventually(() -> api.get("/api/users/" + userId, admin.token()),
                r -> ("Real Name " + name).equals(r.json().path("displayName").asString()));

        Api.Response active = api.request("DELETE", "/api/admin/users/" + userId + "/personal-data", admin.token());
        assertThat(active.status()).isEqualTo(409);
        assertThat(active.code()).isEqualTo("ACCOUNT_STILL_ACTIVE");
        api.request("PATCH", "/api/admin/users/" + userId, Map.of("active", false), admin.token());
        assertThat(api.request("DELETE", "/api/admin/users/" + userId + "/personal-data", admin.token()).status())
                .isEqualTo(204);
        assertThat(TestServices.count("SELECT count(*) FROM personal_data_key WHERE user_id = ?", userId)).isZero();
        JsonNode erased = api.get("/api/admin/users?q=" + name, admin.token()).json().path("items").get(0);
        assertThat(erased.path("email").asString()).doesNotContain(name);
        assertThat(erased.path("displayName").isNull()).isTrue();
    }

    @Test
    void defaultDataIsThere() {
        Api.Session testUser = api.session("TestUser", "pass1234");
        Api.Response rooms = api.get("/api/users?q=WelcomeBot", testUser.token());
        assertThat(usernames(rooms)).contains("WelcomeBot");
        assertThat(api.login("WelcomeBot", "pass1234").code()).isEqualTo("BAD_CREDENTIALS");
    }
}

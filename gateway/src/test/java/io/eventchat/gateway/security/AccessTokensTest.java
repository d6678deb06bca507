package io.eventchat.gateway.security;

import io.eventchat.api.access.AccessRevoked;
import io.eventchat.api.user.Role;
import io.eventchat.gateway.identity.CurrentUser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokensTest {

    private static final String SECRET = "a-test-secret-that-is-at-least-32-bytes";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final JwtProperties properties = new JwtProperties(SECRET, "eventchat", "eventchat-api",
            Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofSeconds(60), Duration.ofSeconds(10));
    private final AccessTokens tokens = new AccessTokens(properties, clock);
    private final UUID userId = UUID.randomUUID();

    private static String code(Runnable verification) {
        try {
            verification.run();
            throw new AssertionError("the token was accepted");
        } catch (InvalidTokenException e) {
            return e.code();
        }
    }

    @Test
    void anIssuedTokenNamesItsUser() {
        CurrentUser user = tokens.verify(tokens.issue(userId, "alice", Role.MODERATOR, null));
        assertThat(user).isEqualTo(new CurrentUser(userId, "alice", Role.MODERATOR));
    }

    @Test
    void aTokenOfAnEndedLoginIsRefusedThoughVerifiedBeforeWhileOtherLoginsGoOn() {
        UUID login = UUID.randomUUID();
        UUID otherLogin = UUID.randomUUID();
        String token = tokens.issue(userId, "alice", Role.USER, login);
        String other = tokens.issue(userId, "alice", Role.USER, otherLogin);
        assertThat(tokens.verify(token).loginId()).isEqualTo(login);
        tokens.on(new AccessRevoked(AccessRevoked.Kind.LOGIN, userId, null, login, 7));
        assertThat(code(() -> tokens.verify(token))).isEqualTo("LOGIN_ENDED");
        assertThat(tokens.verify(other).loginId()).isEqualTo(otherLogin);
        // remembered until the login's tokens have expired anyway, then forgotten
        clock.set(T0.plus(Duration.ofMinutes(17)));
        tokens.forgetExpired();
        assertThat(code(() -> tokens.verify(token))).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void expiryIsCheckedWithSixtySecondsOfSkew() {
        String token = tokens.issue(userId, "alice", Role.USER, null);
        clock.set(T0.plus(Duration.ofMinutes(15)).plusSeconds(50));
        assertThat(tokens.verify(token).id()).isEqualTo(userId);
        clock.set(T0.plus(Duration.ofMinutes(15)).plusSeconds(61));
        assertThat(code(() -> tokens.verify(token))).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void aChangedPayloadIsRejected() {
        String[] parts = tokens.issue(userId, "alice", Role.USER, null).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("USER", "ADMIN");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(code(() -> tokens.verify(forged))).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void anUnsignedTokenIsRejected() {
        String parts1 = tokens.issue(userId, "alice", Role.USER, null).split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(code(() -> tokens.verify(header + "." + parts1 + "."))).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() {
        String foreign = Jwts.builder().header().type(AccessTokens.TYPE).and()
                .subject(userId.toString()).issuer("eventchat").audience().add("eventchat-api").and()
                .expiration(Date.from(T0.plusSeconds(600))).claim("username", "alice").claim("role", "ADMIN")
                .signWith(Keys.hmacShaKeyFor("another-secret-that-is-32-bytes-long!".getBytes(StandardCharsets.UTF_8)))
                .compact();
        assertThat(code(() -> tokens.verify(foreign))).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void aTokenOfAnotherTypeAudienceOrIssuerIsRejected() {
        var key = Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8));
        String untyped = Jwts.builder().subject(userId.toString()).issuer("eventchat").audience().add("eventchat-api")
                .and().expiration(Date.from(T0.plusSeconds(600))).claim("username", "a").claim("role", "USER")
                .signWith(key, Jwts.SIG.HS256).compact();
        assertThat(code(() -> tokens.verify(untyped))).isEqualTo("INVALID_TOKEN");
        String otherAudience = Jwts.builder().header().type(AccessTokens.TYPE).and().subject(userId.toString())
                .issuer("eventchat").audience().add("elsewhere").and().expiration(Date.from(T0.plusSeconds(600)))
                .claim("username", "a").claim("role", "USER").signWith(key, Jwts.SIG.HS256).compact();
        assertThat(code(() -> tokens.verify(otherAudience))).isEqualTo("INVALID_TOKEN");
        String otherIssuer = Jwts.builder().header().type(AccessTokens.TYPE).and().subject(userId.toString())
                .issuer("someone").audience().add("eventchat-api").and().expiration(Date.from(T0.plusSeconds(600)))
                .claim("username", "a").claim("role", "USER").signWith(key, Jwts.SIG.HS256).compact();
        assertThat(code(() -> tokens.verify(otherIssuer))).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void aTruncatedTokenIsRejected() {
        String token = tokens.issue(userId, "alice", Role.USER, null);
        assertThat(code(() -> tokens.verify(token.substring(0, token.length() - 3)))).isEqualTo("INVALID_TOKEN");
        assertThat(code(() -> tokens.verify(token.substring(0, token.lastIndexOf('.'))))).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void aShortSecretIsRefusedAtStartUp() {
        JwtProperties weak = new JwtProperties("too-short", "eventchat", "eventchat-api", Duration.ofMinutes(15),
                Duration.ofDays(30), Duration.ofSeconds(60), Duration.ofSeconds(10));
        assertThatThrownBy(() -> new AccessTokens(weak, clock)).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void withoutASecretARandomKeyIsUsed() {
        JwtProperties none = new JwtProperties("", "eventchat", "eventchat-api", Duration.ofMinutes(15),
                Duration.ofDays(30), Duration.ofSeconds(60), Duration.ofSeconds(10));
        AccessTokens first = new AccessTokens(none, clock);
        AccessTokens second = new AccessTokens(none, clock);
        String token = first.issue(userId, "alice", Role.USER, null);
        assertThat(first.verify(token).id()).isEqualTo(userId);
        assertThat(code(() -> second.verify(token))).isEqualTo("INVALID_TOKEN");
    }
}

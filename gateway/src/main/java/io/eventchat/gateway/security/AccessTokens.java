package io.eventchat.gateway.security;

import io.eventchat.api.access.AccessRevoked;
import io.eventchat.api.user.Role;
import io.eventchat.gateway.identity.CurrentUser;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

/**
 * Issues and verifies access tokens: HS256 only (the header's algorithm is pinned, so {@code none} or any other
 * algorithm is refused), with {@code iss}, {@code aud} and {@code exp} checked and a typed {@code typ} header so
 * that no other kind of token can pass as an access token.
 */
@Component
public class AccessTokens {

    static final String TYPE = "at+jwt";
    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

    private static final int MAX_REMEMBERED = 100_000;

    private final JwtProperties properties;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    /** Logins that ended, until every access token issued to them has expired. */
    private final Map<UUID, Instant> endedLogins = new ConcurrentHashMap<>();
    private final SecretKey key;
    private final JwtParser parser;
    private final Clock clock;

    AccessTokens(JwtProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.key = Keys.hmacShaKeyFor(secretBytes(properties.secret()));
        this.parser = Jwts.parser()
                .verifyWith(key)
                .requireIssuer(properties.issuer())
                .requireAudience(properties.audience())
                .clockSkewSeconds(properties.clockSkew().toSeconds())
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    private static byte[] secretBytes(String secret) {
        if (secret == null || secret.isBlank()) {
            log.warn("CHAT_JWT_SECRET is not set: using a random key for this run. Access tokens will not survive "
                    + "a restart and will not be accepted by other nodes. Set CHAT_JWT_SECRET (32+ bytes) in production.");
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("CHAT_JWT_SECRET must be at least 32 bytes (256 bits) long.");
        }
        return bytes;
    }

    public Duration lifetime() {
        return properties.accessTokenTtl();
    }

    /** An access token of {@code loginId} (the refresh token family it belongs to; null for none). */
    public String issue(UUID userId, String username, Role role, UUID loginId) {
        Instant now = clock.instant();
        var builder = Jwts.builder()
                .header().type(TYPE).and()
                .id(UUID.randomUUID().toString())
                .subject(userId.toString())
                .issuer(properties.issuer())
                .audience().add(properties.audience()).and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(properties.accessTokenTtl())))
                .claim("username", username)
                .claim("role", role.name());
        if (loginId != null) {
            builder.claim("sid", loginId.toString());
        }
        return builder.signWith(key, Jwts.SIG.HS256).compact();
    }

    /**
     * The user a token names; throws {@link InvalidTokenException} for any token that cannot be trusted. A token
     * verified once is remembered until it expires, so a client's requests cost one signature check per token, not
     * one each; what the account may do is still asked on every request ({@link AccountStatuses}). A token of a login
     * that has ended (logout, a password change, a replayed refresh token) is refused, on every node, from the moment
     * the ending answered ({@link AccessRevoked.Kind#LOGIN}).
     */
    public CurrentUser verify(String token) {
        Verified known = verified.get(token);
        if (known == null || !clock.instant().isBefore(known.expiresAt())) {
            known = check(token);
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear(); // a crude bound: the next requests check their tokens again
            }
            verified.put(token, known);
        }
        UUID login = known.user().loginId();
        if (login != null && endedLogins.containsKey(login)) {
            throw new InvalidTokenException("LOGIN_ENDED", "This login has ended (logged out, or the password was "
                    + "changed); log in again.");
        }
        return known.user();
    }

    /** A login ended: its tokens are refused from now on (until they would have expired anyway). */
    @EventListener
    void on(AccessRevoked revoked) {
        if (revoked.kind() == AccessRevoked.Kind.LOGIN && revoked.loginId() != null) {
            endedLogins.put(revoked.loginId(), clock.instant().plus(properties.accessTokenTtl())
                    .plus(properties.clockSkew()));
        }
    }

    /** Forgets tokens that have expired (they would be checked, and refused, again anyway). */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void forgetExpired() {
        Instant now = clock.instant();
        verified.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        endedLogins.values().removeIf(until -> !now.isBefore(until));
    }

    private record Verified(CurrentUser user, Instant expiresAt) {
    }

    private Verified check(String token) {
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token);
            if (!Jwts.SIG.HS256.getId().equals(jws.getHeader().getAlgorithm())
                    || !TYPE.equals(jws.getHeader().getType())) {
                throw new InvalidTokenException("INVALID_TOKEN", "The access token is not valid.");
            }
            Claims claims = jws.getPayload();
            String login = claims.get("sid", String.class);
            return new Verified(new CurrentUser(UUID.fromString(claims.getSubject()),
                    claims.get("username", String.class), Role.valueOf(claims.get("role", String.class)),
                    login == null ? null : UUID.fromString(login)),
                    claims.getExpiration().toInstant().plus(properties.clockSkew()));
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException("TOKEN_EXPIRED", "The access token has expired.");
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidTokenException("INVALID_TOKEN", "The access token is not valid.");
        }
    }
}

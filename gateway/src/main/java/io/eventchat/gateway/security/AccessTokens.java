package io.eventchat.gateway.security;

import io.eventchat.api.user.Role;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Issues and verifies access tokens: HS256 only (the header's algorithm is pinned, so {@code none} or any other
 * algorithm is refused), with {@code iss}, {@code aud} and {@code exp} checked and a typed {@code typ} header so
 * that no other kind of token can pass as an access token.
 */
@Component
public class AccessTokens {

    static final String TYPE = "at+jwt";
    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

    private final JwtProperties properties;
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

    public String issue(UUID userId, String username, Role role) {
        Instant now = clock.instant();
        return Jwts.builder()
                .header().type(TYPE).and()
                .id(UUID.randomUUID().toString())
                .subject(userId.toString())
                .issuer(properties.issuer())
                .audience().add(properties.audience()).and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(properties.accessTokenTtl())))
                .claim("username", username)
                .claim("role", role.name())
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /** The user a token names; throws {@link InvalidTokenException} for any token that cannot be trusted. */
    public CurrentUser verify(String token) {
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token);
            if (!Jwts.SIG.HS256.getId().equals(jws.getHeader().getAlgorithm())
                    || !TYPE.equals(jws.getHeader().getType())) {
                throw new InvalidTokenException("INVALID_TOKEN", "The access token is not valid.");
            }
            Claims claims = jws.getPayload();
            return new CurrentUser(UUID.fromString(claims.getSubject()), claims.get("username", String.class),
                    Role.valueOf(claims.get("role", String.class)));
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException("TOKEN_EXPIRED", "The access token has expired.");
        } catch (JwtException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidTokenException("INVALID_TOKEN", "The access token is not valid.");
        }
    }
}

package io.eventchat.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Access-token settings. Out-of-bounds values stop the start-up: an access token cannot be revoked, so its lifetime
 * (plus the skew tolerated on its expiry) is how long a stolen token stays useful.
 *
 * @param secret         HMAC key, at least 32 bytes (UTF-8); from {@code CHAT_JWT_SECRET}. When empty, a random key is
 *                       generated at start-up and tokens do not survive a restart.
 * @param issuer         the {@code iss} claim written and required
 * @param audience       the {@code aud} claim written and required
 * @param accessTokenTtl lifetime of an access token; more than zero and at most 15 minutes
 * @param refreshTokenTtl absolute lifetime of a refresh-token family (a login), however often it is rotated; more
 *                       than zero
 * @param clockSkew      tolerance when checking {@code exp}/{@code nbf}; zero (exact) up to 60 seconds
 * @param refreshReuseGrace how long after its rotation a refresh token presented again is taken for a lost answer
 *                       (a page reloaded while its refresh was in flight) rather than a theft: zero (never) up to 60
 *                       seconds, default 10
 */
@ConfigurationProperties("chat.jwt")
public record JwtProperties(String secret,
                            @DefaultValue("eventchat") String issuer,
                            @DefaultValue("eventchat-api") String audience,
                            @DefaultValue("15m") Duration accessTokenTtl,
                            @DefaultValue("30d") Duration refreshTokenTtl,
                            @DefaultValue("60s") Duration clockSkew,
                            @DefaultValue("10s") Duration refreshReuseGrace) {

    static final Duration MAX_ACCESS_TOKEN_TTL = Duration.ofMinutes(15);
    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);
    static final Duration MAX_REFRESH_REUSE_GRACE = Duration.ofSeconds(60);

    public JwtProperties {
        requireBetween("chat.jwt.access-token-ttl (CHAT_JWT_ACCESS_TTL)", accessTokenTtl, false, MAX_ACCESS_TOKEN_TTL);
        requireBetween("chat.jwt.refresh-token-ttl (CHAT_JWT_REFRESH_TTL)", refreshTokenTtl, false, null);
        requireBetween("chat.jwt.clock-skew", clockSkew, true, MAX_CLOCK_SKEW);
        requireBetween("chat.jwt.refresh-reuse-grace (CHAT_JWT_REFRESH_REUSE_GRACE)", refreshReuseGrace, true,
                MAX_REFRESH_REUSE_GRACE);
    }

    private static void requireBetween(String name, Duration value, boolean zeroAllowed, Duration max) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or more" : "more than zero")
                    + ", not " + value);
        }
        if (max != null && value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be at most " + max + ", not " + value);
        }
    }
}

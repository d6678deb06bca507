package io.eventchat.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Access-token settings.
 *
 * @param secret         HMAC key, at least 32 bytes (UTF-8); from {@code CHAT_JWT_SECRET}. When empty, a random key is
 *                       generated at start-up and tokens do not survive a restart.
 * @param issuer         the {@code iss} claim written and required
 * @param audience       the {@code aud} claim written and required
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl absolute lifetime of a refresh-token family (a login), however often it is rotated
 * @param clockSkew      tolerance when checking {@code exp}/{@code nbf}
 */
@ConfigurationProperties("chat.jwt")
public record JwtProperties(String secret,
                            @DefaultValue("eventchat") String issuer,
                            @DefaultValue("eventchat-api") String audience,
                            @DefaultValue("15m") Duration accessTokenTtl,
                            @DefaultValue("30d") Duration refreshTokenTtl,
                            @DefaultValue("60s") Duration clockSkew) {
}

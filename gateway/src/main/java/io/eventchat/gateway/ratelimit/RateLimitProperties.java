package io.eventchat.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Limits (defaults in {@code application.yml}), each a bucket of {@code capacity} refilled evenly over {@code period}.
 *
 * @param writes                 write requests (POST/PUT/PATCH/DELETE) per authenticated user
 * @param loginFailuresPerClient failed logins per client address, whatever the account
 * @param loginFailuresPerAccountAndClient failed logins per account from one address: stops guessing quickly
 *                               without locking the owner out from elsewhere
 * @param loginFailuresPerAccount failed logins per account from all addresses together: a distributed guess
 *                               slows down, the owner is locked out for at most one period
 * @param registrationsPerClient registrations per client address
 */
@ConfigurationProperties("chat.rate-limit")
public record RateLimitProperties(
        Limit writes,
        Limit loginFailuresPerClient,
        Limit loginFailuresPerAccountAndClient,
        Limit loginFailuresPerAccount,
        Limit registrationsPerClient) {

    /** A bucket of {@code capacity} tokens that refills completely, evenly, over {@code period}. */
    public record Limit(long capacity, Duration period) {
    }
}

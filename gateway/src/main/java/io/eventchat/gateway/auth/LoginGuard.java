package io.eventchat.gateway.auth;

import io.eventchat.gateway.ratelimit.RateLimitProperties;
import io.eventchat.gateway.ratelimit.RateLimitedException;
import io.eventchat.gateway.ratelimit.RateLimiter;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Brute-force protection for password checks. Only failures count, in three buckets: per client address, per
 * account from that address (tight: stops a guesser quickly) and per account overall (loose: a distributed guess
 * slows down, while the owner logging in from elsewhere is locked out for at most one period).
 *
 * <p>The account buckets belong to the account the login resolves to, not to the text typed, so trying the username
 * and the email address in turn does not double the guesses. A login that names no account gets buckets of the
 * same size keyed on its text, so an unknown login is limited exactly like a known one.
 */
@Component
public class LoginGuard {

    private final RateLimiter limiter;
    private final RateLimitProperties limits;

    LoginGuard(RateLimiter limiter, RateLimitProperties limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    /**
     * Refuses with 429 while any bucket of this attempt is empty.
     *
     * @param login  what was typed (username or email)
     * @param userId the account it resolves to, or null when it names none
     */
    public void check(String login, UUID userId, String client) {
        String account = account(login, userId);
        Duration wait = Stream.of(
                        limiter.waitTime(clientKey(client), limits.loginFailuresPerClient()),
                        limiter.waitTime(accountClientKey(account, client), limits.loginFailuresPerAccountAndClient()),
                        limiter.waitTime(accountKey(account), limits.loginFailuresPerAccount()))
                .max(Duration::compareTo).orElse(Duration.ZERO);
        if (!wait.isZero()) {
            throw new RateLimitedException(wait);
        }
    }

    /** Counts a failed password check against every bucket of this attempt. */
    public void failed(String login, UUID userId, String client) {
        String account = account(login, userId);
        limiter.tryConsume(clientKey(client), limits.loginFailuresPerClient());
        limiter.tryConsume(accountClientKey(account, client), limits.loginFailuresPerAccountAndClient());
        limiter.tryConsume(accountKey(account), limits.loginFailuresPerAccount());
    }

    void register(String client) {
        Duration wait = limiter.tryConsume("register:" + client, limits.registrationsPerClient());
        if (!wait.isZero()) {
            throw new RateLimitedException(wait);
        }
    }

    private static String clientKey(String client) {
        return "login:client:" + client;
    }

    private static String accountClientKey(String account, String client) {
        return "login:account-client:" + account + ":" + client;
    }

    private static String accountKey(String account) {
        return "login:account:" + account;
    }

    /** Whose guesses these are: the account's id, or the login's text when it names no account. */
    private static String account(String login, UUID userId) {
        return userId != null ? "user:" + userId : "unknown:" + login.strip().toLowerCase(Locale.ROOT);
    }
}

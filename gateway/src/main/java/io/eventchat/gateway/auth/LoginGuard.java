package io.eventchat.gateway.auth;

import io.eventchat.gateway.ratelimit.RateLimitProperties;
import io.eventchat.gateway.ratelimit.RateLimitedException;
import io.eventchat.gateway.ratelimit.RateLimiter;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Brute-force protection for password checks. Only failures count (every attempt is counted before its password
 * is checked, and a success gives its count back), in three buckets: per client address, per
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
     * Counts this attempt as a failure in every bucket before its password is checked, so that parallel guesses are
     * each counted however they interleave; refuses with 429 (counting nothing) while any bucket is empty. A login
     * that then succeeds gives its tokens back ({@link #succeeded}).
     *
     * @param login  what was typed (username or email)
     * @param userId the account it resolves to, or null when it names none
     */
    public void attempt(String login, UUID userId, String client) {
        List<Bucket> taken = new ArrayList<>();
        Duration wait = Duration.ZERO;
        for (Bucket bucket : buckets(login, userId, client)) {
            Duration bucketWait = limiter.tryConsume(bucket.key(), bucket.limit());
            if (bucketWait.isZero()) {
                taken.add(bucket);
            } else if (bucketWait.compareTo(wait) > 0) {
                wait = bucketWait;
            }
        }
        if (!wait.isZero()) {
            taken.forEach(bucket -> limiter.refund(bucket.key(), bucket.limit()));
            throw new RateLimitedException(wait);
        }
    }

    /** The password was right: the attempt was no guess, and its tokens go back. */
    public void succeeded(String login, UUID userId, String client) {
        buckets(login, userId, client).forEach(bucket -> limiter.refund(bucket.key(), bucket.limit()));
    }

    private record Bucket(String key, RateLimitProperties.Limit limit) {
    }

    /** Per client address, per account from that address, per account. */
    private List<Bucket> buckets(String login, UUID userId, String client) {
        String account = account(login, userId);
        return List.of(new Bucket(clientKey(client), limits.loginFailuresPerClient()),
                new Bucket(accountClientKey(account, client), limits.loginFailuresPerAccountAndClient()),
                new Bucket(accountKey(account), limits.loginFailuresPerAccount()));
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

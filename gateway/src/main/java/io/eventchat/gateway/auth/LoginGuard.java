package io.eventchat.gateway.auth;

import io.eventchat.gateway.ratelimit.RateLimitProperties;
import io.eventchat.gateway.ratelimit.RateLimitedException;
import io.eventchat.gateway.ratelimit.RateLimiter;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Brute-force protection for password checks. Only failures count, in three buckets: per client address, per
 * account from that address (tight: stops a guesser quickly) and per account overall (loose: a distributed guess
 * slows down, while the owner logging in from elsewhere is locked out for at most one period).
 */
@Component
public class LoginGuard {

    private final RateLimiter limiter;
    private final RateLimitProperties limits;

    LoginGuard(RateLimiter limiter, RateLimitProperties limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    public void check(String login, String client) {
        Duration wait = Stream.of(
                        limiter.waitTime(clientKey(client), limits.loginFailuresPerClient()),
                        limiter.waitTime(accountClientKey(login, client), limits.loginFailuresPerAccountAndClient()),
                        limiter.waitTime(accountKey(login), limits.loginFailuresPerAccount()))
                .max(Duration::compareTo).orElse(Duration.ZERO);
        if (!wait.isZero()) {
            throw new RateLimitedException(wait);
        }
    }

    public void failed(String login, String client) {
        limiter.tryConsume(clientKey(client), limits.loginFailuresPerClient());
        limiter.tryConsume(accountClientKey(login, client), limits.loginFailuresPerAccountAndClient());
        limiter.tryConsume(accountKey(login), limits.loginFailuresPerAccount());
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

    private static String accountClientKey(String login, String client) {
        return "login:account-client:" + normalize(login) + ":" + client;
    }

    private static String accountKey(String login) {
        return "login:account:" + normalize(login);
    }

    private static String normalize(String login) {
        return login.strip().toLowerCase(Locale.ROOT);
    }
}

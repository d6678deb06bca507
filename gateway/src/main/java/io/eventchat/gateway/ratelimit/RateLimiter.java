package io.eventchat.gateway.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Token buckets keyed by string. The buckets live in Redis, so every node enforces the same limit; when Redis is
 * unreachable the limiter falls back to buckets in this node's memory (still a limit, per node) and tries Redis again
 * after a pause, so an outage neither opens the gates nor blocks requests on timeouts.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long RETRY_REDIS_AFTER_MILLIS = 5_000;
    private static final int MAX_LOCAL_BUCKETS = 100_000;

    private final RedisClient client;
    private final Map<String, Bucket> local = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_LOCAL_BUCKETS;
        }
    });
    private final Map<String, Lease> leases = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Lease> eldest) {
            return size() > MAX_LOCAL_BUCKETS;
        }
    };
    private volatile ProxyManager<String> redis;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile long redisDownSince = -1;

    RateLimiter(@Value("${spring.data.redis.url}") String redisUrl) {
        this.client = RedisClient.create(redisUrl);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(500)))
                .build());
    }

    /** Takes one token; returns how long to wait when there was none (and nothing was taken), else zero. */
    public Duration tryConsume(String key, RateLimitProperties.Limit limit) {
        return withBucket(key, limit, bucket -> {
            var probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
        });
    }

    /**
     * Takes one token, usually without a round trip to Redis: the node takes an eighth of the bucket's capacity from
     * the shared bucket at a time (one round trip) and hands those tokens out from memory until they are used up or
     * one period has passed (then what is left is forfeited, so the limit is never loosened). Across several nodes a
     * client may so find a few tokens fewer than the limit, never more. For limits counted per request (writes);
     * login failures keep {@link #tryConsume}, exact on every node.
     */
    public Duration tryConsumeLeased(String key, RateLimitProperties.Limit limit) {
        Lease lease;
        synchronized (leases) {
            lease = leases.computeIfAbsent(key + "|" + limit, k -> new Lease());
        }
        synchronized (lease) {
            long now = System.nanoTime();
            if (lease.tokens > 0 && now - lease.until < 0) {
                lease.tokens--;
                return Duration.ZERO;
            }
            long chunk = Math.max(1, limit.capacity() / 8);
            long[] taken = new long[1];
            Duration wait = withBucket(key, limit, bucket -> {
                taken[0] = bucket.tryConsumeAsMuchAsPossible(chunk);
                if (taken[0] > 0) {
                    return Duration.ZERO;
                }
                var estimate = bucket.estimateAbilityToConsume(1);
                return estimate.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(estimate.getNanosToWaitForRefill());
            });
            if (taken[0] == 0) {
                return wait.isZero() ? Duration.ofMillis(1) : wait;
            }
            lease.tokens = taken[0] - 1;
            lease.until = now + limit.period().toNanos();
            return Duration.ZERO;
        }
    }

    /** Tokens this node took from a shared bucket and has not handed out yet. */
    private static final class Lease {
        long tokens;
        long until;
    }

    /** Gives back one token taken by {@link #tryConsume} (never beyond the bucket's capacity). */
    public void refund(String key, RateLimitProperties.Limit limit) {
        withBucket(key, limit, bucket -> {
            bucket.addTokens(1);
            return Duration.ZERO;
        });
    }

    /** How long until one token is available, without taking it; zero when one is available now. */
    public Duration waitTime(String key, RateLimitProperties.Limit limit) {
        return withBucket(key, limit, bucket -> {
            var estimate = bucket.estimateAbilityToConsume(1);
            return estimate.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(estimate.getNanosToWaitForRefill());
        });
    }

    private Duration withBucket(String key, RateLimitProperties.Limit limit, Function<Bucket, Duration> action) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build();
        ProxyManager<String> proxies = redis();
        if (proxies != null) {
            try {
                // the limit is part of the key: Redis keeps a bucket's configuration from whoever made it first,
                // so a changed limit (or a node configured differently) must not inherit an old bucket
                String redisKey = "rate:" + key + ":" + limit.capacity() + "/" + limit.period().toSeconds();
                return action.apply(proxies.builder().build(redisKey, () -> configuration));
            } catch (RuntimeException e) {
                markRedisDown(e);
            }
        }
        Bucket bucket = local.computeIfAbsent(key + "|" + limit, k -> Bucket.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build());
        return action.apply(bucket);
    }

    private ProxyManager<String> redis() {
        if (redis != null) {
            return redis;
        }
        if (redisDownSince >= 0 && System.currentTimeMillis() - redisDownSince < RETRY_REDIS_AFTER_MILLIS) {
            return null;
        }
        synchronized (this) {
            if (redis == null) {
                try {
                    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                    redis = Bucket4jLettuce.casBasedBuilder(connection)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .build();
                    redisDownSince = -1;
                } catch (RuntimeException e) {
                    markRedisDown(e);
                }
            }
            return redis;
        }
    }

    private void markRedisDown(RuntimeException e) {
        if (redisDownSince < 0) {
            log.warn("Redis unavailable for rate limiting, using this node's buckets: {}", e.getMessage());
        }
        redisDownSince = System.currentTimeMillis();
    }

    @PreDestroy
    void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
}

package io.eventchat.gateway.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Redis holds caches and presence only; the chat keeps working from PostgreSQL without it. So Redis being down
 * reports {@code DEGRADED} for this component and leaves the overall status to the database.
 */
@Component("redis")
class RedisHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Redis is unreachable; serving from PostgreSQL");

    private final RedisConnectionFactory connections;

    RedisHealth(RedisConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public Health health() {
        try (RedisConnection connection = connections.getConnection()) {
            connection.ping();
            return Health.up().build();
        } catch (RuntimeException e) {
            return Health.status(DEGRADED).build();
        }
    }
}

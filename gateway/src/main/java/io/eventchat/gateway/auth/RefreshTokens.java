package io.eventchat.gateway.auth;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.gateway.security.JwtProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Opaque refresh tokens (256 random bits), stored only as SHA-256 hashes. Every use rotates the token; a token used a
 * second time means it was stolen or replayed, so its whole family is revoked. Rotation locks the row, so of two
 * parallel refreshes of one token at most one succeeds.
 */
@Component
public class RefreshTokens {

    private static final String PREFIX = "rt_";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JwtProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RefreshTokens(JdbcClient jdbc, TransactionTemplate transactions, JwtProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a new family (a login) and returns its first token. */
    Issued issue(UUID userId) {
        Instant now = clock.instant();
        UUID login = UUID.randomUUID();
        return new Issued(login, insert(login, userId, now, now.plus(properties.refreshTokenTtl())));
    }

    /**
     * Exchanges a token for its successor; the presented token stops working. A token presented a second time revokes
     * its family and answers a rotation that is {@link Rotation#reused() reused} (no successor).
     */
    Rotation rotate(String token) {
        byte[] hash = hash(token);
        Rotation rotation = transactions.execute(status -> {
            var row = jdbc.sql("""
                            SELECT family_id, user_id, expires_at, rotated_at, revoked_at, retired_at
                            FROM refresh_token WHERE token_hash = ? FOR UPDATE""")
                    .param(hash)
                    .query((rs, n) -> new Row(rs.getObject("family_id", UUID.class), rs.getObject("user_id", UUID.class),
                            rs.getTimestamp("expires_at").toInstant(), instant(rs.getTimestamp("rotated_at")),
                            rs.getTimestamp("revoked_at") != null, rs.getTimestamp("retired_at") != null))
                    .optional().orElse(null);
            Instant now = clock.instant();
            if (row != null && row.retired() && !row.familyRevoked(jdbc)) {
                // a successor whose answer was taken for lost is presented after all: two holders of one login
                revokeFamily(row.familyId());
                return new Rotation(row.userId(), row.familyId(), null, true);
            }
            if (row == null || row.revoked() || !now.isBefore(row.expiresAt())) {
                return null;
            }
            if (row.rotatedAt() != null) {
                if (lostAnswer(row, now)) {
                    // the successor issued at that rotation was never used: its answer was lost (a page reloaded
                    // while the refresh was in flight). That successor is retired and a new one issued.
                    return new Rotation(row.userId(), row.familyId(),
                            insert(row.familyId(), row.userId(), now, row.expiresAt()), false);
                }
                revokeFamily(row.familyId());
                return new Rotation(row.userId(), row.familyId(), null, true);
            }
            jdbc.sql("UPDATE refresh_token SET rotated_at = ? WHERE token_hash = ?")
                    .params(Timestamp.from(now), hash).update();
            return new Rotation(row.userId(), row.familyId(),
                    insert(row.familyId(), row.userId(), now, row.expiresAt()), false);
        });
        if (rotation == null) {
            throw new ChatException(ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid; log in again.");
        }
        return rotation;
    }

    /**
     * Revokes the family of {@code token} if it belongs to {@code userId}, and the family {@code loginId} of that
     * user; answers the logins named (revoked now or before), which the caller then ends.
     */
    Set<UUID> revoke(String token, UUID userId, UUID loginId) {
        Set<UUID> logins = new HashSet<>(jdbc.sql("""
                        SELECT DISTINCT family_id FROM refresh_token
                        WHERE user_id = ? AND (token_hash = ? OR family_id = ?)""")
                .params(userId, hash(token), loginId).query(UUID.class).list());
        for (UUID login : logins) {
            revokeFamily(login);
        }
        return logins;
    }

    /**
     * Revokes every login of the user (after a password change, a deactivation, a role change) and answers those
     * that were live until now.
     */
    public Set<UUID> revokeAll(UUID userId) {
        return Set.copyOf(jdbc.sql("""
                        UPDATE refresh_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL
                        RETURNING family_id""")
                .params(Timestamp.from(clock.instant()), userId).query(UUID.class).list());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void deleteExpired() {
        jdbc.sql("DELETE FROM refresh_token WHERE expires_at < ?")
                .param(Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(1)))).update();
    }

    private void revokeFamily(UUID familyId) {
        jdbc.sql("UPDATE refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), familyId).update();
    }

    private String insert(UUID familyId, UUID userId, Instant now, Instant expiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("""
                        INSERT INTO refresh_token (token_hash, family_id, user_id, issued_at, expires_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(hash(token), familyId, userId, Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
        return token;
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether a token presented again is a lost answer: rotated within {@code chat.jwt.refresh-reuse-grace}, and no
     * token of its family used since. If so, the family's live successor (whose answer was lost) is retired.
     */
    private boolean lostAnswer(Row row, Instant now) {
        if (properties.refreshReuseGrace().isZero()
                || now.isAfter(row.rotatedAt().plus(properties.refreshReuseGrace()))) {
            return false;
        }
        boolean usedSince = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM refresh_token WHERE family_id = ? AND rotated_at > ?)""")
                .params(row.familyId(), Timestamp.from(row.rotatedAt())).query(Boolean.class).single();
        if (usedSince) {
            return false;
        }
        jdbc.sql("""
                        UPDATE refresh_token SET revoked_at = ?, retired_at = ?
                        WHERE family_id = ? AND rotated_at IS NULL AND revoked_at IS NULL""")
                .params(Timestamp.from(now), Timestamp.from(now), row.familyId()).update();
        return true;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Row(UUID familyId, UUID userId, Instant expiresAt, Instant rotatedAt, boolean revoked,
                       boolean retired) {

        /** Whether the login is over already (then a retired token is merely invalid). */
        boolean familyRevoked(JdbcClient jdbc) {
            return !jdbc.sql("""
                            SELECT EXISTS (SELECT 1 FROM refresh_token
                                           WHERE family_id = ? AND revoked_at IS NULL AND retired_at IS NULL)""")
                    .param(familyId).query(Boolean.class).single();
        }
    }

    /** A new login ({@code loginId}: its family) and its first refresh token. */
    record Issued(UUID loginId, String token) {
    }

    /** The successor of a refresh token, or none when the presented token was {@code reused}. */
    record Rotation(UUID userId, UUID loginId, String token, boolean reused) {
    }
}

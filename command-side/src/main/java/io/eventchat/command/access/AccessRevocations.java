package io.eventchat.command.access;

import io.eventchat.api.NodeIdentity;
import io.eventchat.api.access.AccessRevoked;
import io.eventchat.api.access.IsAccessCurrent;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Access taken away takes effect on every node before the change answers, so that no node serves a read, a cached
 * answer or a frame by the old state afterwards, and no node has to ask the database on every request either.
 * <ol>
 * <li>The command that takes access away {@link #record records} it in {@code access_revocation}, in its own
 * transaction, under an advisory lock (revisions commit in the order they are numbered) and with a
 * {@code NOTIFY access_revocation}.</li>
 * <li>Every node follows the log ({@code LISTEN}, and a heartbeat every second): it applies each new revocation by
 * publishing {@link AccessRevoked} in-process (caches drop entries, the WebSocket relay ends subscriptions and
 * sessions), then writes how far it has applied in its {@code node_lease} row, renewing its lease.</li>
 * <li>After its commit, the changing command applies the revocation on its own node and waits until every node with
 * a live lease (renewed within {@link #LEASE}) has applied it; only then is its caller answered.</li>
 * <li>A node trusts what it cached only within {@link #TRUST} of the last renewal it sent, which is shorter than
 * the lease others grant it: a node that cannot reach the database, or stalls, stops serving from its caches before
 * the others stop waiting for it.</li>
 * </ol>
 */
@Component
public class AccessRevocations implements SmartLifecycle {

    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration TRUST = Duration.ofSeconds(2);
    /** How long an ended login matters: access tokens live at most 15 minutes, clocks may differ by a minute. */
    static final Duration LOGINS_REMEMBERED = Duration.ofMinutes(17);
    private static final String CHANNEL = "access_revocation";
    private static final long LOCK = 7_341_002L; // the advisory lock that orders revocations
    private static final Logger log = LoggerFactory.getLogger(AccessRevocations.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final String nodeId;
    private final Object applying = new Object();
    private volatile long applied = -1;
    private volatile long trustedUntil = System.nanoTime();
    private volatile boolean running;
    private Thread follower;

    AccessRevocations(DataSource dataSource, JdbcClient jdbc, ApplicationEventPublisher events, NodeIdentity node) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.events = events;
        this.nodeId = node.id();
    }

    /**
     * Records that access was taken away, in the transaction of the current command, and has the command answer only
     * once every node has applied it (see the class description).
     */
    public void record(AccessRevoked.Kind kind, UUID userId, UUID roomId) {
        record(kind, userId, roomId, null);
    }

    /** Records that a login ended (see {@link #record(AccessRevoked.Kind, UUID, UUID)}). */
    public void recordEndedLogin(UUID userId, UUID loginId) {
        record(AccessRevoked.Kind.LOGIN, userId, null, loginId);
    }

    private void record(AccessRevoked.Kind kind, UUID userId, UUID roomId, UUID loginId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)::text").param(LOCK).query(String.class).single();
        long revision = jdbc.sql("""
                        INSERT INTO access_revocation (kind, user_id, room_id, login_id) VALUES (?, ?, ?, ?)
                        RETURNING revision""")
                .params(kind.name(), userId, roomId, loginId).query(Long.class).single();
        jdbc.sql("SELECT pg_notify(?, ?)::text").params(CHANNEL, Long.toString(revision)).query(String.class).single();
        CurrentUnitOfWork.get().afterCommit(unitOfWork -> takeEffect(revision));
    }

    /** Whether this node's caches may answer: it has followed the log within {@link #TRUST}. */
    public boolean trusted() {
        return running && System.nanoTime() - trustedUntil < 0;
    }

    /** True once this node has applied every revocation committed so far (catching up now if it is not trusted). */
    @QueryHandler
    Boolean handle(IsAccessCurrent query) {
        if (trusted()) {
            return true;
        }
        try {
            catchUp();
            return true;
        } catch (RuntimeException e) {
            log.warn("Cannot follow the access revocations: {}", e.toString());
            return false;
        }
    }

    /** Applies on this node, then waits until every node with a live lease has applied {@code revision}. */
    private void takeEffect(long revision) {
        long deadline = System.nanoTime() + LEASE.toNanos() + TimeUnit.MILLISECONDS.toNanos(500);
        try {
            catchUp();
            while (System.nanoTime() - deadline < 0) {
                long behind = jdbc.sql("""
                                SELECT count(*) FROM node_lease
                                WHERE node_id <> ? AND applied < ? AND renewed_at > now() - make_interval(secs => ?)""")
                        .params(nodeId, revision, LEASE.toMillis() / 1000.0).query(Long.class).single();
                if (behind == 0) {
                    return;
                }
                Thread.sleep(2);
            }
            log.warn("Access revocation {}: some node did not apply it within its lease", revision);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the others cannot be asked: wait until every lease granted before this commit has run out, after which
            // no node answers from what it cached without following the log first
            log.warn("Access revocation {}: cannot confirm that every node applied it ({}); waiting out the leases",
                    revision, e.toString());
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Applies every committed revocation this node has not applied yet, in order; answers the last one applied. */
    long catchUp() {
        synchronized (applying) {
            List<AccessRevoked> revocations;
            if (applied < 0) {
                // a node that starts has cached nothing that could be stale: it follows from the current end of the
                // log, after learning the logins that ended within an access token's lifetime (tokens it must refuse)
                long end = jdbc.sql("SELECT coalesce(max(revision), 0) FROM access_revocation")
                        .query(Long.class).single();
                revocations = jdbc.sql("""
                                SELECT revision, kind, user_id, room_id, login_id FROM access_revocation
                                WHERE kind = 'LOGIN' AND revoked_at > now() - make_interval(secs => ?)
                                  AND revision <= ? ORDER BY revision""")
                        .params(LOGINS_REMEMBERED.toSeconds(), end).query(AccessRevocations::revocation).list();
                revocations.forEach(events::publishEvent);
                applied = end;
                return applied;
            }
            revocations = jdbc.sql("""
                            SELECT revision, kind, user_id, room_id, login_id FROM access_revocation
                            WHERE revision > ? ORDER BY revision""")
                    .param(applied).query(AccessRevocations::revocation).list();
            for (AccessRevoked revoked : revocations) {
                events.publishEvent(revoked);
                applied = revoked.revision();
            }
            return applied;
        }
    }

    private static AccessRevoked revocation(ResultSet rs, int row) throws SQLException {
        return new AccessRevoked(AccessRevoked.Kind.valueOf(rs.getString("kind")), rs.getObject("user_id", UUID.class),
                rs.getObject("room_id", UUID.class), rs.getObject("login_id", UUID.class), rs.getLong("revision"));
    }

    /** Catches up, then renews this node's lease with how far it has applied the log. */
    private void renew() {
        long sentAt = System.nanoTime();
        long upTo = catchUp();
        jdbc.sql("""
                        INSERT INTO node_lease (node_id, applied, renewed_at) VALUES (?, ?, now())
                        ON CONFLICT (node_id) DO UPDATE SET applied = EXCLUDED.applied, renewed_at = EXCLUDED.renewed_at""")
                .params(nodeId, upTo).update();
        trustedUntil = sentAt + TRUST.toNanos();
    }

    private void follow() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                renew();
                while (running) {
                    notifications.getNotifications((int) HEARTBEAT.toMillis());
                    renew();
                }
            } catch (Exception e) {
                if (running) {
                    log.warn("Not following the access revocations (retrying in a second): {}", e.toString());
                    try {
                        Thread.sleep(HEARTBEAT.toMillis());
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        jdbc.sql("DELETE FROM node_lease WHERE renewed_at < now() - interval '1 hour'").update();
        renew();
        follower = new Thread(this::follow, "access-revocations");
        follower.setDaemon(true);
        follower.start();
    }

    @Override
    public void stop() {
        running = false;
        if (follower != null) {
            follower.interrupt();
        }
        try {
            jdbc.sql("DELETE FROM node_lease WHERE node_id = ?").param(nodeId).update();
        } catch (RuntimeException e) {
            log.debug("Could not drop this node's lease: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

package io.eventchat.command.user;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.access.AccessRevoked;
import io.eventchat.api.user.Account;
import io.eventchat.api.user.AccountList;
import io.eventchat.api.user.AccountStatus;
import io.eventchat.api.user.FindAccount;
import io.eventchat.api.user.FindAccountById;
import io.eventchat.api.user.FindAccountStatus;
import io.eventchat.api.user.FindAccounts;
import io.eventchat.api.user.RegisterUser;
import io.eventchat.api.user.Role;
import io.eventchat.command.access.AccessRevocations;
import io.eventchat.command.access.CoherentCache;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The mutable half of accounts, next to the event-sourced User. Usernames and emails are claimed by unique indexes
 * on their lower-case form, in the transaction that appends the account's events, so two concurrent registrations
 * of one name cannot both commit. The email address and the password hash live only here, never in an event.
 */
@Component
public class AccountRegistry {

    /** The admin list's largest page (API.md: lists go up to 200; a larger limit is capped, not refused). */
    static final int MAX_LIMIT = 200;
    private static final String COLUMNS =
            "user_id, username, email, display_name, role, active, password_hash, created_at, last_login_at";

    static final int STATUS_CACHE_SIZE = 200_000;

    private final JdbcClient jdbc;
    private final AccessRevocations revocations;
    private final CoherentCache<UUID, AccountStatus> statuses;

    AccountRegistry(JdbcClient jdbc, AccessRevocations revocations) {
        this.jdbc = jdbc;
        this.revocations = revocations;
        this.statuses = new CoherentCache<>(revocations, STATUS_CACHE_SIZE);
    }

    void claim(RegisterUser command) {
        int inserted = jdbc.sql("""
                        INSERT INTO user_account (user_id, username, email, display_name, password_hash, role, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(command.userId(), command.username(), command.email(), command.displayName(),
                        command.passwordHash(), command.role().name(), Timestamp.from(command.at()))
                .update();
        if (inserted == 1) {
            return;
        }
        boolean usernameTaken = jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_account WHERE lower(username) = lower(?))")
                .param(command.username())
                .query(Boolean.class)
                .single();
        throw usernameTaken ? usernameTaken() : emailTaken();
    }

    void recordLogin(UUID userId, Instant at) {
        jdbc.sql("UPDATE user_account SET last_login_at = ? WHERE user_id = ?").params(Timestamp.from(at), userId).update();
    }

    void changeDisplayName(UUID userId, String displayName) {
        jdbc.sql("UPDATE user_account SET display_name = ? WHERE user_id = ?").params(displayName, userId).update();
    }

    void changeEmail(UUID userId, String email) {
        try {
            jdbc.sql("UPDATE user_account SET email = ? WHERE user_id = ?").params(email, userId).update();
        } catch (DuplicateKeyException e) {
            throw emailTaken();
        }
    }

    /** True when {@code email} (case-insensitively) belongs to an account other than {@code userId}. */
    boolean emailTakenByOther(UUID userId, String email) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_account WHERE lower(email) = lower(?) AND user_id <> ?)")
                .params(email, userId).query(Boolean.class).single();
    }

    void changePassword(UUID userId, String passwordHash) {
        jdbc.sql("UPDATE user_account SET password_hash = ? WHERE user_id = ?").params(passwordHash, userId).update();
    }

    /** A deactivation takes effect on every node before the command answers ({@link AccessRevocations}). */
    void setActive(UUID userId, boolean active) {
        jdbc.sql("UPDATE user_account SET active = ? WHERE user_id = ?").params(active, userId).update();
        if (!active) {
            revocations.record(AccessRevoked.Kind.ACCOUNT, userId, null);
        }
    }

    /** A new role takes effect on every node before the command answers ({@link AccessRevocations}). */
    void setRole(UUID userId, Role role) {
        jdbc.sql("UPDATE user_account SET role = ? WHERE user_id = ?").params(role.name(), userId).update();
        revocations.record(AccessRevoked.Kind.ROLE, userId, null);
    }

    /** Blanks what identifies the person; the username stays as the public handle of past messages. */
    void erase(UUID userId) {
        jdbc.sql("""
                        UPDATE user_account SET email = 'erased+' || user_id || '@invalid', display_name = NULL,
                               password_hash = '!' WHERE user_id = ?""")
                .param(userId).update();
    }

    /** The ids among {@code userIds} that do not belong to an active account. */
    public Set<UUID> unknownOrInactive(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        List<UUID> known = jdbc.sql("SELECT user_id FROM user_account WHERE active AND user_id = ANY (?)")
                .param(userIds.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
        Set<UUID> unknown = new HashSet<>(userIds);
        known.forEach(unknown::remove);
        return unknown;
    }

    @QueryHandler
    Optional<Account> handle(FindAccount query) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account "
                        + "WHERE lower(username) = lower(:login) OR lower(email) = lower(:login)")
                .param("login", query.login())
                .query(AccountRegistry::account)
                .optional();
    }

    @QueryHandler
    Optional<Account> handle(FindAccountById query) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE user_id = ?")
                .param(query.userId())
                .query(AccountRegistry::account)
                .optional();
    }

    /**
     * Asked on every authenticated request and STOMP frame: the registry is written in the transaction of the command
     * that deactivates or re-roles an account, so the answer is never behind the events. Active accounts are answered
     * from memory while this node follows the access revocations, which a deactivation or a role change passes
     * through before it answers (so no node answers by the old state afterwards).
     */
    @QueryHandler
    Optional<AccountStatus> handle(FindAccountStatus query) {
        AccountStatus cached = statuses.get(query.userId());
        if (cached != null) {
            return Optional.of(cached);
        }
        long generation = statuses.generation();
        Optional<AccountStatus> status = jdbc.sql("SELECT role, active FROM user_account WHERE user_id = ?")
                .param(query.userId())
                .query((rs, row) -> new AccountStatus(query.userId(), Role.valueOf(rs.getString("role")),
                        rs.getBoolean("active")))
                .optional();
        status.filter(AccountStatus::active).ifPresent(active -> statuses.put(query.userId(), active, generation));
        return status;
    }

    @EventListener
    void on(AccessRevoked revoked) {
        if (revoked.kind() == AccessRevoked.Kind.ACCOUNT || revoked.kind() == AccessRevoked.Kind.ROLE) {
            statuses.evict(revoked.userId()::equals);
        }
    }

    @QueryHandler
    AccountList handle(FindAccounts query) {
        String prefix = query.prefix() == null ? "" : query.prefix().toLowerCase().replace("\\", "\\\\")
                .replace("%", "\\%").replace("_", "\\_");
        return new AccountList(jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE lower(username) LIKE :p "
                        + "OR lower(email) LIKE :p OR lower(display_name) LIKE :p ORDER BY lower(username) LIMIT :limit")
                .param("p", prefix + "%")
                .param("limit", query.limit() <= 0 ? 50 : Math.min(query.limit(), MAX_LIMIT))
                .query(AccountRegistry::account)
                .list());
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        Timestamp lastLogin = rs.getTimestamp("last_login_at");
        return new Account(rs.getObject("user_id", UUID.class), rs.getString("username"), rs.getString("email"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getBoolean("active"),
                rs.getString("password_hash"), rs.getTimestamp("created_at").toInstant(),
                lastLogin == null ? null : lastLogin.toInstant());
    }

    private static ChatException usernameTaken() {
        return new ChatException(ErrorCode.USERNAME_TAKEN, "That username is taken.");
    }

    private static ChatException emailTaken() {
        return new ChatException(ErrorCode.EMAIL_TAKEN, "That email address is already registered.");
    }
}

package io.eventchat.api.access;

import java.util.UUID;

/**
 * Access was taken away, and this node has just learnt it (an in-process notification, published on every node, by
 * the node that made the change before it answered): {@code ROOM} a room deleted (no user), {@code MEMBERSHIP} a user
 * out of a room, {@code ACCOUNT} an account deactivated, {@code ROLE} an account's app role changed (no room),
 * {@code LOGIN} one login of a user ended ({@code loginId}: logout, a password change, a refresh token replayed), so
 * the access tokens issued to it are refused.
 */
public record AccessRevoked(Kind kind, UUID userId, UUID roomId, UUID loginId, long revision) {

    public enum Kind {
        ROOM, MEMBERSHIP, ACCOUNT, ROLE, LOGIN
    }

    /** Whether a subscription of {@code user} to {@code room} must end. */
    public boolean endsSubscription(UUID user, UUID room) {
        return switch (kind) {
            case ROOM -> room.equals(roomId);
            case MEMBERSHIP -> room.equals(roomId) && user.equals(userId);
            case ACCOUNT -> user.equals(userId);
            case ROLE, LOGIN -> false;
        };
    }
}

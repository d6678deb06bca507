package io.eventchat.gateway.websocket;

import io.eventchat.api.access.AccessRevoked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Ends this node's WebSocket sessions of a deactivated account (policy violation, reason
 * {@code ACCOUNT_DEACTIVATED}) and those opened with a token of a login that ended ({@code LOGIN_ENDED}: logout, a
 * password change, a replayed refresh token); a client that reconnects with such a token is refused at CONNECT with
 * that code.
 */
@Component
class EndedAccountSessions {

    static final CloseStatus DEACTIVATED = CloseStatus.POLICY_VIOLATION.withReason("ACCOUNT_DEACTIVATED");
    static final CloseStatus LOGIN_ENDED = CloseStatus.POLICY_VIOLATION.withReason("LOGIN_ENDED");

    private final PresenceTracker presence;
    private final BoundedTransport transport;

    EndedAccountSessions(PresenceTracker presence, BoundedTransport transport) {
        this.presence = presence;
        this.transport = transport;
    }

    /** On every node, before the deactivation answers ({@code AccessRevocations} on the command side). */
    @EventListener
    void on(AccessRevoked revoked) {
        if (revoked.kind() == AccessRevoked.Kind.ACCOUNT) {
            presence.sessionsOf(revoked.userId()).forEach(sessionId -> transport.close(sessionId, DEACTIVATED));
        } else if (revoked.kind() == AccessRevoked.Kind.LOGIN && revoked.loginId() != null) {
            presence.sessionsOfLogin(revoked.loginId()).forEach(sessionId -> transport.close(sessionId, LOGIN_ENDED));
        }
    }
}

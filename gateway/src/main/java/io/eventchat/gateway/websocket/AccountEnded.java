package io.eventchat.gateway.websocket;

import java.util.UUID;

/** The account was deactivated: its sessions on this node end. */
record AccountEnded(UUID userId) {
}

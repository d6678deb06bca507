/**
 * Revocation of access without a window: the revocation log, every node's lease on it, and the caches it keeps
 * coherent (who belongs to which room, which accounts may act).
 */
package io.eventchat.command.access;

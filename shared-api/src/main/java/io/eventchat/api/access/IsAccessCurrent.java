package io.eventchat.api.access;

/**
 * Whether this node has applied every access revocation committed so far (answered at once while it follows them,
 * else after catching up): asked before frames are handed to sessions. False when it cannot tell.
 */
public record IsAccessCurrent() {
}

package io.eventchat.api.admin;

/** The status of every projection (processing group) on this node. */
public record FindProjections() {
}

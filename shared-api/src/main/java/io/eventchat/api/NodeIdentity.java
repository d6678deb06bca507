package io.eventchat.api;

/**
 * This running instance of the application, among the nodes sharing one database and one Redis: unique per start,
 * also for several instances in one JVM. Its lease on the access revocations and the frames it relays carry it.
 */
public record NodeIdentity(String id) {
}

package io.eventchat.api.admin;

/**
 * Rebuild the named projection from the event store into fresh tables and switch to them atomically once they have
 * caught up; until then the old tables keep answering. Rejected with {@code PROJECTION_NOT_FOUND} for an unknown
 * name and {@code REBUILD_RUNNING} while a rebuild of it runs on any node.
 */
public record RebuildProjection(String name) {
}

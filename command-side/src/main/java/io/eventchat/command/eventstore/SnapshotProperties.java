package io.eventchat.command.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When aggregates are snapshotted: after this many events have been replayed to load one.
 *
 * @param roomThreshold events of a chat room between snapshots
 * @param userThreshold events of an account between snapshots
 */
@ConfigurationProperties("chat.snapshots")
record SnapshotProperties(@DefaultValue("250") int roomThreshold, @DefaultValue("100") int userThreshold) {
}

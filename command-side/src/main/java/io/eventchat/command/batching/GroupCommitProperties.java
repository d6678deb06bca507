package io.eventchat.command.batching;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Group commit of room commands ({@code chat.commands.group}): {@code workers} threads, each deciding its share of
 * the rooms and committing what has queued up, at most {@code maxGroup} commands at a time; at most {@code maxQueued}
 * commands wait per worker, beyond that a command is refused at once with {@code 503 BUSY}.
 */
@ConfigurationProperties("chat.commands.group")
record GroupCommitProperties(int workers, int maxGroup, int maxQueued) {

    GroupCommitProperties {
        if (workers < 1 || maxGroup < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("chat.commands.group: workers, max-group and max-queued are at least 1");
        }
    }
}

package io.eventchat.query.processing;

import io.eventchat.api.admin.FindProjections;
import io.eventchat.api.admin.ProjectionList;
import io.eventchat.api.admin.ProjectionStatus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/** Reports where each streaming processor stands against the head of the event store. */
@Component
class ProjectionStatuses {

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final JdbcClient jdbc;

    ProjectionStatuses(EventProcessingConfiguration processing, EventStore events, JdbcClient jdbc) {
        this.processing = processing;
        this.events = events;
        this.jdbc = jdbc;
    }

    @QueryHandler
    ProjectionList handle(FindProjections query) {
        TrackingToken headToken = events.createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        Map<String, Rebuild> rebuilds = jdbc.sql("""
                        SELECT name, state, position, head, error,
                               heartbeat_at < now() - interval '60 seconds' AS stale
                        FROM projection_rebuild""")
                .query((rs, i) -> new Rebuild(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getBoolean(6)))
                .list().stream().collect(Collectors.toMap(Rebuild::name, r -> r));
        return new ProjectionList(processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(processor -> status(processor, head, rebuilds.get(processor.getName()),
                        deadLetters(processor.getName())))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList());
    }

    /** The last rebuild of a projection, from any node. */
    private record Rebuild(String name, String state, long position, long head, String error, boolean stale) {

        boolean running() {
            return "RUNNING".equals(state) && !stale;
        }

        double progress() {
            return head <= 0 ? 0.99 : Math.min(0.99, position / (double) head);
        }
    }

    /** Events parked in the group's dead-letter queue (zero for a group without one). */
    private long deadLetters(String group) {
        return processing.deadLetterQueue(group).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    private static ProjectionStatus status(StreamingEventProcessor processor, long head, Rebuild rebuild,
                                           long deadLetters) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        long position = segments.stream().mapToLong(s -> s.getCurrentPosition().orElse(0)).min().orElse(0);
        boolean replaying = segments.stream().anyMatch(EventTrackerStatus::isReplaying);
        double progress = 1.0;
        if (replaying) {
            progress = segments.stream().filter(EventTrackerStatus::isReplaying)
                    .mapToDouble(s -> {
                        long target = s.getResetPosition().orElse(0);
                        return target <= 0 ? 1.0 : Math.min(1.0, s.getCurrentPosition().orElse(0) / (double) target);
                    }).min().orElse(1.0);
        }
        if (rebuild != null && rebuild.running()) {
            replaying = true;
            progress = Math.min(progress, rebuild.progress());
        }
        boolean failing = processor.isError() || segments.stream().anyMatch(EventTrackerStatus::isErrorState);
        String status = !processor.isRunning() ? ProjectionStatus.STOPPED : failing ? ProjectionStatus.ERROR
                : deadLetters > 0 ? ProjectionStatus.DEGRADED : ProjectionStatus.RUNNING;
        return new ProjectionStatus(processor.getName(), status, position, head, Math.max(0, head - position),
                replaying, progress, segments.size(), rebuild == null ? null : rebuild.running() ? "RUNNING"
                : rebuild.stale() && "RUNNING".equals(rebuild.state) ? "ABANDONED" : rebuild.state,
                rebuild == null ? null : rebuild.error, deadLetters);
    }
}

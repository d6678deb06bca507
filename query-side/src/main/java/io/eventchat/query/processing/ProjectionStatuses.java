package io.eventchat.query.processing;

import io.eventchat.api.admin.FindProjections;
import io.eventchat.api.admin.ProjectionList;
import io.eventchat.api.admin.ProjectionStatus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Comparator;

/** Reports where each streaming processor stands against the head of the event store. */
@Component
class ProjectionStatuses {

    private final EventProcessingConfiguration processing;
    private final EventStore events;

    ProjectionStatuses(EventProcessingConfiguration processing, EventStore events) {
        this.processing = processing;
        this.events = events;
    }

    @QueryHandler
    ProjectionList handle(FindProjections query) {
        TrackingToken headToken = events.createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        return new ProjectionList(processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(processor -> status(processor, head))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList());
    }

    private static ProjectionStatus status(StreamingEventProcessor processor, long head) {
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
        String status = processor.isError() ? "ERROR" : processor.isRunning() ? "RUNNING" : "STOPPED";
        return new ProjectionStatus(processor.getName(), status, position, head, Math.max(0, head - position),
                replaying, progress, segments.size());
    }
}

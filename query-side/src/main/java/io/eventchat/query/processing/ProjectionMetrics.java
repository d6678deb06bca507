package io.eventchat.query.processing;

import io.eventchat.api.admin.FindProjections;
import io.eventchat.api.admin.ProjectionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Per-projection meters: lag and position behind the event store's head (gauges, read from
 * {@link ProjectionStatuses} at most once a second), events handled ({@code chat.projection.events}, a counter whose
 * rate is events/s). The interceptor also puts the event's correlation id into the log context while it is handled,
 * so a projection's log lines name the command that caused them.
 */
final class ProjectionMetrics {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private final MeterRegistry meters;
    private final Supplier<ProjectionStatuses> statuses;
    private final Map<String, Counter> handled = new ConcurrentHashMap<>();
    private volatile Map<String, ProjectionStatus> latest = Map.of();
    private volatile Instant readAt = Instant.EPOCH;

    ProjectionMetrics(MeterRegistry meters, Supplier<ProjectionStatuses> statuses) {
        this.meters = meters;
        this.statuses = statuses;
    }

    /** The interceptor of one processing group: counts its events and sets the log context while handling. */
    MessageHandlerInterceptor<EventMessage<?>> interceptor(String group) {
        // Axon asks once per processor it builds (a group's processor may be built again): meters once per group
        Counter events = handled.computeIfAbsent(group, this::register);
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            // the trace id: the correlation id of the request whose command caused the event
            Object correlation = unitOfWork.getMessage().getMetaData().get("traceId");
            MDC.put("correlationId", correlation == null ? null : correlation.toString());
            try {
                return chain.proceed();
            } finally {
                MDC.remove("correlationId");
                events.increment();
            }
        };
    }

    private Counter register(String group) {
        gauge(group, "chat.projection.lag", "Events the projection is behind the event store's head",
                ProjectionStatus::lag);
        gauge(group, "chat.projection.position", "Lowest position of the projection's segments on this node",
                ProjectionStatus::position);
        gauge(group, "chat.projection.dead.letters", "Events parked in the projection's dead-letter queue",
                ProjectionStatus::deadLetters);
        return Counter.builder("chat.projection.events")
                .description("Events handled by the projection").tag("projection", group).register(meters);
    }

    private void gauge(String group, String name, String description, ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(name, this, metrics -> {
                    ProjectionStatus status = metrics.status(group);
                    return status == null ? Double.NaN : value.applyAsDouble(status);
                })
                .description(description).tag("projection", group).register(meters);
    }

    private ProjectionStatus status(String group) {
        if (Instant.now().isAfter(readAt.plus(FRESH))) {
            Map<String, ProjectionStatus> now = new ConcurrentHashMap<>();
            statuses.get().handle(new FindProjections()).items().forEach(s -> now.put(s.name(), s));
            latest = now;
            readAt = Instant.now();
        }
        return latest.get(group);
    }
}

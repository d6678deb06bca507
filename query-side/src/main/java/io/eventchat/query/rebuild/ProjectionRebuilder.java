package io.eventchat.query.rebuild;

import io.eventchat.query.processing.ProjectionWrites;
import io.eventchat.query.processing.Projections;
import io.eventchat.query.processing.ShadowBuild;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.admin.RebuildProjection;
import jakarta.persistence.EntityManager;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Rebuilds a projection from the event store while the old one keeps serving (blue/green).
 * <ol>
 * <li>Claim: a {@code projection_rebuild} row in state RUNNING with a fresh heartbeat; one node at a time, a second
 * request anywhere is {@code REBUILD_RUNNING}. A crashed rebuilder's claim goes stale after a minute.</li>
 * <li>Build: shadow copies of the projection's tables ({@link ShadowTables}) are filled by the projection's own
 * handlers from the first event on, in batches, each a transaction writing to the shadow schema. Events go in as
 * replays, so {@code @DisallowReplay} handlers (pushes) and the Redis cache stay out of it. The live processor goes
 * on meanwhile, and reads answer from the live tables.</li>
 * <li>Swap: once caught up, one transaction takes the projection's advisory lock exclusively ({@link RebuildGuard}:
 * no live batch is running or can start), applies what arrived since, moves the shadow tables in place of the live
 * ones and drops the old ones. Readers see the old tables until that commit and the complete new ones after.</li>
 * </ol>
 * The live processor's tokens are never touched. The new tables hold every event up to the store's head at the swap,
 * which is at or beyond every live token; the live processor then goes on from its own token, applying some events a
 * second time, which the projections are built to absorb (as after a crash), and publishing the pushes of events it
 * had not seen yet exactly once.
 */
@Component
class ProjectionRebuilder {

    /** The tables each rebuildable projection (processing group) owns. */


    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);
    /** Beyond every real position: each event handed to the handlers counts as a replay. */
    private static final TrackingToken END = GapAwareTrackingToken.newInstance(Long.MAX_VALUE, Collections.emptySet());
    private static final Duration STALE_CLAIM = Duration.ofSeconds(60);
    private static final int SWAP_ATTEMPTS = 5;

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate separately;
    private final ApplicationEventPublisher publisher;
    private final EntityManager entityManager;
    private final ProjectionWrites writes;
    private final int batchSize;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "#"
            + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService runner = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionRebuilder(EventProcessingConfiguration processing, EventStore events, JdbcClient jdbc,
                        PlatformTransactionManager transactions, ApplicationEventPublisher publisher,
                        EntityManager entityManager, ProjectionWrites writes,
                        @Value("${chat.rebuild.batch-size:1000}") int batchSize) {
        this.processing = processing;
        this.events = events;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.publisher = publisher;
        this.entityManager = entityManager;
        this.writes = writes;
        this.batchSize = batchSize;
    }

    @CommandHandler
    void handle(RebuildProjection command) {
        String name = command.name();
        List<EventMessageHandler> handlers = handlers(name);
        long head = headPosition();
        Integer claimed = separately.execute(status -> jdbc.sql("""
                        INSERT INTO projection_rebuild (name, state, node, started_at, heartbeat_at, head)
                        VALUES (:name, 'RUNNING', :node, now(), now(), :head)
                        ON CONFLICT (name) DO UPDATE SET state = 'RUNNING', node = EXCLUDED.node,
                            started_at = now(), heartbeat_at = now(), finished_at = NULL, position = 0,
                            head = EXCLUDED.head, events = 0, error = NULL
                        WHERE projection_rebuild.state <> 'RUNNING'
                           OR projection_rebuild.heartbeat_at < now() - make_interval(secs => :stale)""")
                .param("name", name).param("node", node).param("head", head)
                .param("stale", STALE_CLAIM.toSeconds()).update());
        if (claimed == null || claimed == 0) {
            throw new ChatException(ErrorCode.REBUILD_RUNNING, "The projection " + name + " is being rebuilt already.");
        }
        log.info("Rebuilding projection {} from the event store (head {})", name, head);
        runner.execute(() -> rebuild(name, handlers));
    }

    private List<EventMessageHandler> handlers(String name) {
        AbstractEventProcessor processor = Projections.exists(name)
                ? processing.eventProcessor(name, AbstractEventProcessor.class).orElse(null) : null;
        if (processor == null) {
            throw new ChatException(ErrorCode.PROJECTION_NOT_FOUND, "There is no projection named " + name + ".");
        }
        return handlersOf(processor.eventHandlerInvoker()).toList();
    }

    /** The projection's handlers themselves, bypassing its invoker's dead-letter queue and error handling. */
    private static Stream<EventMessageHandler> handlersOf(EventHandlerInvoker invoker) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            return multi.delegates().stream().flatMap(ProjectionRebuilder::handlersOf);
        }
        if (invoker instanceof SimpleEventHandlerInvoker simple) {
            return simple.eventHandlers().stream();
        }
        throw new IllegalStateException("Cannot rebuild through a " + invoker.getClass().getName());
    }

    private void rebuild(String name, List<EventMessageHandler> handlers) {
        ShadowTables tables = new ShadowTables(jdbc, name, Projections.tables(name));
        Progress progress = new Progress();
        try {
            transaction.executeWithoutResult(status -> tables.create());
            AtomicReference<BlockingStream<TrackedEventMessage<?>>> stream =
                    new AtomicReference<>(events.openStream(null));
            try {
                // build batch by batch while the live projection goes on, until past the head of the start and
                // through what was available: what keeps arriving is applied during the swap
                long startHead = headPosition();
                while (true) {
                    List<TrackedEventMessage<?>> batch = take(stream.get(), batchSize);
                    if (batch.isEmpty() && progress.position >= startHead) {
                        break;
                    }
                    transaction.executeWithoutResult(status -> {
                        tables.writeToShadow();
                        apply(batch, handlers, progress);
                        heartbeat(name, progress);
                    });
                    progress.commit();
                    if (batch.size() < batchSize && progress.position >= startHead) {
                        break;
                    }
                }
                swap(name, handlers, tables, progress, stream);
            } finally {
                stream.get().close();
            }
            log.info("Rebuilt projection {}: {} events, up to position {}", name, progress.events, progress.position);
            publisher.publishEvent(new ProjectionReplaced(name));
        } catch (RuntimeException e) {
            log.error("Rebuilding projection {} failed; the live one is unchanged", name, e);
            failed(name, e);
            try {
                transaction.executeWithoutResult(status -> tables.drop());
            } catch (RuntimeException cleanup) {
                log.warn("Could not drop the shadow tables of {}", name, cleanup);
            }
        }
    }

    /**
     * Brings the shadow tables up to the head with the live processor held off, and swaps them in. A failed attempt
     * (a lock timeout against a long reader, a deadlock) rolls back whole; the events it read are read again.
     */
    private void swap(String name, List<EventMessageHandler> handlers, ShadowTables tables, Progress progress,
                      AtomicReference<BlockingStream<TrackedEventMessage<?>>> stream) {
        for (int attempt = 1; ; attempt++) {
            BlockingStream<TrackedEventMessage<?>> from = stream.get();
            try {
                transaction.executeWithoutResult(status -> {
                    jdbc.sql("SELECT pg_advisory_xact_lock(" + RebuildGuard.lockKey() + ")::text")
                            .param("name", name).query(String.class).list();
                    tables.writeToShadow();
                    long head = headPosition();
                    while (progress.position < head) {
                        List<TrackedEventMessage<?>> batch = take(from, batchSize);
                        if (batch.isEmpty()) {
                            break; // the rest are gaps not committed yet: the live processor takes them later
                        }
                        apply(batch, handlers, progress);
                    }
                    tables.swap();
                    finished(name, progress);
                });
                return;
            } catch (RuntimeException e) {
                if (attempt == SWAP_ATTEMPTS) {
                    throw e;
                }
                log.warn("Swapping in the rebuilt {} failed (attempt {}), trying again", name, attempt, e);
                progress.rollback();
                from.close();
                stream.set(events.openStream(progress.token));
            }
        }
    }

    private List<TrackedEventMessage<?>> take(BlockingStream<TrackedEventMessage<?>> stream, int max) {
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        try {
            while (batch.size() < max && stream.hasNextAvailable(batch.isEmpty() ? 200 : 0, TimeUnit.MILLISECONDS)) {
                batch.add(stream.nextAvailable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the event store", e);
        }
        return batch;
    }

    /** Applies {@code batch} in the current transaction, and sends the writes its handlers queued. */
    private void apply(List<TrackedEventMessage<?>> batch, List<EventMessageHandler> handlers,
                       Progress progress) {
        ProjectionWrites.Batch queued = new ProjectionWrites.Batch();
        for (TrackedEventMessage<?> event : batch) {
            TrackedEventMessage<?> replay = asReplay(event);
            DefaultUnitOfWork<TrackedEventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(replay);
            ShadowBuild.mark(unitOfWork, queued);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                for (EventMessageHandler handler : handlers) {
                    if (handler.canHandle(replay)) {
                        handler.handle(replay);
                    }
                }
                return null;
            });
            if (result.isExceptional()) {
                Throwable cause = result.exceptionResult();
                throw cause instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("Handling " + event.getPayloadType().getSimpleName()
                        + " at " + event.trackingToken() + " failed", cause);
            }
            progress.read(event.trackingToken());
            // a batch is one transaction: without this every flush would dirty-check every entity the batch
            // has loaded so far, quadratic in the batch size
            entityManager.flush();
            entityManager.clear();
        }
        writes.flush(queued);
    }

    private static TrackedEventMessage<?> asReplay(TrackedEventMessage<?> event) {
        TrackingToken token = new ReplayToken(END, event.trackingToken());
        return event instanceof DomainEventMessage<?> domain
                ? new GenericTrackedDomainEventMessage<>(token, domain)
                : new GenericTrackedEventMessage<>(token, event);
    }

    private long headPosition() {
        TrackingToken head = events.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    private void heartbeat(String name, Progress progress) {
        int mine = jdbc.sql("""
                        UPDATE projection_rebuild SET heartbeat_at = now(), position = :position, events = :events
                        WHERE name = :name AND node = :node AND state = 'RUNNING'""")
                .param("position", progress.position).param("events", progress.events)
                .param("name", name).param("node", node).update();
        if (mine == 0) {
            throw new IllegalStateException("The rebuild of " + name + " was taken over by another node");
        }
    }

    private void finished(String name, Progress progress) {
        heartbeat(name, progress);
        jdbc.sql("UPDATE projection_rebuild SET state = 'DONE', finished_at = now() WHERE name = :name")
                .param("name", name).update();
    }

    private void failed(String name, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        separately.executeWithoutResult(status -> jdbc.sql("""
                        UPDATE projection_rebuild SET state = 'FAILED', finished_at = now(), error = :error
                        WHERE name = :name AND node = :node""")
                .param("error", message.substring(0, Math.min(1000, message.length())))
                .param("name", name).param("node", node).update());
    }

    /** How far the shadow tables have come: what was read, and what is committed. */
    private static final class Progress {
        private TrackingToken token;
        private long position;
        private long events;
        private TrackingToken committedToken;
        private long committedPosition;
        private long committedEvents;

        void read(TrackingToken read) {
            token = read;
            position = Math.max(position, read.position().orElse(position));
            events++;
        }

        void commit() {
            committedToken = token;
            committedPosition = position;
            committedEvents = events;
        }

        void rollback() {
            token = committedToken;
            position = committedPosition;
            events = committedEvents;
        }
    }
}

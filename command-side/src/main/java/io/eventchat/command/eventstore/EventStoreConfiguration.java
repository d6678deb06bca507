package io.eventchat.command.eventstore;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The event store lives in PostgreSQL and is written by Axon's JDBC storage engine (created by Axon's
 * auto-configuration from the schema below). JDBC rather than JPA: payloads are plain {@code bytea}, the global
 * index comes straight from the column's sequence, and appends are batched in one statement.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SnapshotProperties.class)
class EventStoreConfiguration {

    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * PostgreSQL reports a duplicate (aggregate, sequence number) as SQL state 23505; Axon's default resolver for the
     * JDBC engine reads vendor error codes and misses it, turning a lost race into a generic store failure. With this,
     * a concurrent append is a {@code ConcurrencyException} and a reused identifier an
     * {@code AggregateStreamCreationException}.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /**
     * Rooms stay in memory between commands ({@code CHAT_ROOM_CACHE=false} turns this off, for measurements). The
     * cache is safe across nodes: a stale copy fails its append on the sequence constraint, Axon evicts it on
     * rollback, and the retry below loads the room afresh; an answer that appends nothing (a rejection, a no-op) is
     * first checked against the store's version of the room and, if that is ahead, turned into the same conflict
     * (ChatRoom's command handler interceptor).
     */
    @Bean
    Cache chatRoomCache(@Value("${chat.rooms.cache:true}") boolean enabled) {
        return enabled ? new WeakReferenceCache() : NoCache.INSTANCE;
    }

    /**
     * Commands that lose a race on an aggregate's sequence (two nodes appending to one room) are retried a few times
     * before the caller sees 409 CONCURRENT_MODIFICATION. Nothing else is retried: a rule violation is final.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(ConflictRetryScheduler.create(retries))
                .build();
    }

    /**
     * Who did it: the acting user's id travels from each command into the metadata of every event it causes, next to
     * the correlation and trace ids Axon adds by default.
     */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider("actorId");
    }

    @Bean
    CorrelationDataProvider originCorrelation() {
        return new MessageOriginProvider();
    }

    @Bean
    static AggregateTypeFilter aggregateTypeFilter() {
        return new AggregateTypeFilter();
    }

    @Bean
    SnapshotTriggerDefinition chatRoomSnapshotTrigger(Snapshotter snapshotter, SnapshotProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.roomThreshold());
    }

    @Bean
    SnapshotTriggerDefinition userSnapshotTrigger(Snapshotter snapshotter, SnapshotProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.userThreshold());
    }
}

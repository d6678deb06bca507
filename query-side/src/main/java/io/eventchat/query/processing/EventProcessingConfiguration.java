package io.eventchat.query.processing;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

/**
 * Every processing group runs a pooled streaming processor (tuned per group in {@code application.yml}); they
 * keep their tokens in {@code token_entry} (Axon's JDBC token store, created by Axon's
 * auto-configuration from the schema below).
 * <p>
 * A handler failure is never skipped: Axon's default listener error handler only logs and moves on, which would
 * leave the event missing from the read model for good (see {@link #projectionProcessing}). An event that cannot be
 * handled at all is parked, alone, in its group's dead-letter queue ({@link PoisonIsolation}).
 */
@Configuration(proxyBeanMethods = false)
class EventProcessingConfiguration {

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's JDBC token store, with a node id that is unique per running application (host, pid and a random part):
     * two nodes must never share the name under which they claim segments, also when they run in one JVM.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, TokenSchema schema,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(schema)
                .claimTimeout(claimTimeout)
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "#"
                        + UUID.randomUUID().toString().substring(0, 8))
                .build();
    }

    /** The source of every processor ({@code axon.eventhandling.processors.*.source} in application.yml). */
    @Bean(destroyMethod = "shutdown")
    WakingEventSource wakingEventSource(EventStore eventStore) {
        return new WakingEventSource(eventStore);
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * Every processing group: a handler error propagates to the processor, which rolls the batch back and retries it
     * with back-off; it is never logged and skipped. The projections' groups also park an event their handlers fail
     * on in a dead-letter queue (Axon's JDBC queue on {@code dead_letter_entry}), per sequence (the room or user the
     * event belongs to): that sequence's later events wait behind it in order, other sequences flow on, and an admin
     * retries it once the cause is fixed.
     */
    @Bean
    ConfigurerModule projectionProcessing(ConnectionProvider connections, DeadLetterSchema deadLetterSchema,
                                          MeterRegistry meters,
                                          ObjectProvider<ProjectionStatuses> statuses, PoisonIsolation isolation) {
        return configurer -> configurer.eventProcessing(processing -> {
            ProjectionMetrics metrics = new ProjectionMetrics(meters, statuses::getObject);
            processing.usingPooledStreamingEventProcessors()
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                    .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance())
                    .registerDefaultHandlerInterceptor((c, group) -> metrics.interceptor(group));
            for (String group : Projections.names()) {
                processing.registerDeadLetterQueue(group, c -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(group)
                        .connectionProvider(connections)
                        .transactionManager(c.getComponent(TransactionManager.class))
                        .schema(deadLetterSchema)
                        .genericSerializer(c.serializer())
                        .eventSerializer(c.eventSerializer())
                        .build());
                processing.registerDeadLetterPolicy(group, c -> isolation.policy());
                // whether an event's room or user has parked events is remembered per segment, so a healthy group
                // asks the queue once per segment claim rather than once per event
                processing.registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (c, invoker) -> invoker.enableSequenceIdentifierCache());
                processing.registerHandlerInterceptor(group, c -> isolation.interceptor(group));
            }
        });
    }
}

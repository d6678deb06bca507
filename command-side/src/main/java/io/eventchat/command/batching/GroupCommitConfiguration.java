package io.eventchat.command.batching;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The command bus (group commit of room commands, {@link GroupCommitCommandBus}) and the snapshotter, which takes
 * snapshots after the commit on a thread of its own: Axon's default takes them synchronously, in the committing
 * thread, while every room lock of the unit of work is still held.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GroupCommitProperties.class)
class GroupCommitConfiguration {

    /** Named in every {@code @Aggregate(commandTargetResolver = ...)}. */
    @Bean
    CachedCommandTargetResolver commandTargetResolver() {
        return new CachedCommandTargetResolver();
    }

    @Bean(destroyMethod = "stop")
    CommandBus commandBus(TransactionManager transactions, Configuration axon,
                          DuplicateCommandHandlerResolver duplicates, ConnectionProvider connections,
                          GroupPolicy policy, List<GroupParticipant> participants, GroupCommitProperties properties,
                          MeterRegistry meters) {
        GroupCommitCommandBus.Builder builder = GroupCommitCommandBus.builder();
        builder.transactionManager(transactions)
                .duplicateCommandHandlerResolver(duplicates)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"));
        GroupCommitCommandBus bus = new GroupCommitCommandBus(builder, connections, policy, participants, properties,
                meters);
        // as Axon's auto-configuration does for its own bus: the correlation and trace ids, and the actor, of a
        // command go into the metadata of every event it causes
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        bus.start();
        return bus;
    }

    /**
     * Snapshots are taken one at a time after the commit that crossed the threshold; when the snapshotter falls
     * behind, a snapshot is skipped (the next trigger of the aggregate takes one).
     */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor snapshotExecutor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1000), runnable -> {
                    Thread thread = new Thread(runnable, "snapshotter");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
        return executor;
    }

    @Bean
    Snapshotter aggregateSnapshotter(Configuration axon, HandlerDefinition handlerDefinition,
                                     ParameterResolverFactory parameterResolverFactory, EventStore eventStore,
                                     TransactionManager transactionManager, SnapshotterSpanFactory spanFactory,
                                     ThreadPoolExecutor snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }
}

package io.eventchat.query.processing;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A pooled processor woken after a local commit asks its stream at once whether anything is available; the embedded
 * store's producer may deliver the committed events a few milliseconds later. That answer must not be "no", or the
 * processor idles until its next poll (seconds).
 */
class WakingEventSourceTest {

    private final ScheduledExecutorService storeProducer = Executors.newSingleThreadScheduledExecutor();
    private final EventStore store = mock(EventStore.class);
    private final SlowStream delegate = new SlowStream();
    private WakingEventSource source;
    @SuppressWarnings("rawtypes")
    private MessageDispatchInterceptor interceptor;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void start() {
        when(store.openStream(any())).thenReturn((BlockingStream) delegate);
        source = new WakingEventSource(store);
        ArgumentCaptor<MessageDispatchInterceptor> captor = ArgumentCaptor.forClass(MessageDispatchInterceptor.class);
        verify(store).registerDispatchInterceptor(captor.capture());
        interceptor = captor.getValue();
    }

    @AfterEach
    void stop() {
        storeProducer.shutdownNow();
        source.shutdown();
    }

    @Test
    void aWakeUpWaitsForTheCommittedEventsTheStoreHasNotDeliveredYet() throws Exception {
        start();
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        CountDownLatch woken = new CountDownLatch(1);
        stream.setOnAvailableCallback(woken::countDown);

        EventMessage<?> event = GenericEventMessage.asEventMessage("posted");
        commit(event);
        // the store delivers the committed event only 50 ms after the commit
        storeProducer.schedule(() -> delegate.deliver(event), 50, TimeUnit.MILLISECONDS);

        assertThat(woken.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.hasNextAvailable()).as("asked right after the wake-up").isTrue();
        assertThat(stream.nextAvailable().getIdentifier()).isEqualTo(event.getIdentifier());

        long before = System.nanoTime();
        assertThat(stream.hasNextAvailable()).as("nothing more was committed").isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(WakingEventSource.CATCH_UP_MILLIS / 2);
    }

    @Test
    void withoutALocalCommitAStreamDoesNotWait() throws Exception {
        start();
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        stream.setOnAvailableCallback(() -> {
        });
        long before = System.nanoTime();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(WakingEventSource.CATCH_UP_MILLIS / 2);
    }

    @Test
    void committedEventsThatNeverArriveAreAwaitedOnlyBriefly() throws Exception {
        start();
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        stream.setOnAvailableCallback(() -> {
        });
        commit(GenericEventMessage.asEventMessage("lost"));
        long before = System.nanoTime();
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before))
                .isBetween(WakingEventSource.CATCH_UP_MILLIS / 2, WakingEventSource.CATCH_UP_MILLIS * 3);
        before = System.nanoTime();
        assertThat(stream.hasNextAvailable()).as("given up").isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(WakingEventSource.CATCH_UP_MILLIS / 2);
    }

    /** Appends {@code event} the way the event store does: dispatch interceptors first, then the commit. */
    @SuppressWarnings("unchecked")
    private void commit(EventMessage<?> event) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        interceptor.handle(List.of(event));
        unitOfWork.commit();
    }

    /** The embedded store's stream: an event is available once its producer has delivered it. */
    private static final class SlowStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingQueue<TrackedEventMessage<?>> delivered = new LinkedBlockingQueue<>();
        private long index;

        synchronized void deliver(EventMessage<?> event) {
            delivered.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index++), event));
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(delivered.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (delivered.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            return !delivered.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delivered.take();
        }

        @Override
        public void close() {
        }
    }
}

package io.eventchat.query.processing;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the processors' source, with streams that say when events become available. Axon's embedded
 * store does not support availability callbacks, so a pooled processor with nothing to do polls every 500 ms, and
 * every projection (and every push, which waits for its projection) lagged by up to half a second. Here each local
 * append, once committed, wakes the processors. A processor that claims availability callbacks no longer polls: with
 * nothing to read it looks again only after its token claim interval (5 s). So a wake-up must never find the stream
 * empty merely because the store's own fetch (the embedded store's producer thread, itself woken by the same commit)
 * has not delivered the committed events yet: each stream knows which locally committed events it has not returned
 * and, asked whether anything is available while some are missing, waits for them (up to {@link #CATCH_UP_MILLIS});
 * the wait ends the moment the store delivers. Events appended by other nodes are still found by polling.
 */
class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** How long a stream waits for locally committed events the store has not delivered yet. */
    static final long CATCH_UP_MILLIS = 1000;
    /** Bounds the missing events a stream remembers, should its processor stop reading without closing it. */
    private static final int MAX_MISSING = 10_000;

    private final EventStore store;
    private final Set<WakingStream> streams = ConcurrentHashMap.newKeySet();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-waker");
        thread.setDaemon(true);
        return thread;
    });

    WakingEventSource(EventStore store) {
        this.store = store;
        store.registerDispatchInterceptor(messages -> {
            if (CurrentUnitOfWork.isStarted() && !messages.isEmpty()) {
                List<String> ids = messages.stream().map(EventMessage::getIdentifier).toList();
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> wake(ids));
            }
            return (index, message) -> message;
        });
    }

    private void wake(List<String> committed) {
        long now = System.currentTimeMillis();
        streams.forEach(stream -> stream.expect(committed, now));
        waker.execute(this::signal);
    }

    private void signal() {
        streams.forEach(WakingStream::signal);
    }

    void shutdown() {
        waker.shutdownNow();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new WakingStream(store.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.createTokenSince(duration);
    }

    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        /** Identifiers of events committed on this node that this stream has not returned yet, with when. */
        private final Map<String, Long> missing = new ConcurrentHashMap<>();
        private volatile Runnable callback;

        WakingStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        void expect(List<String> committed, long at) {
            if (missing.size() > MAX_MISSING) {
                missing.clear();
            }
            committed.forEach(id -> missing.put(id, at));
        }

        void signal() {
            Runnable current = callback;
            if (current != null) {
                current.run();
            }
        }

        /**
         * Whether an event is available; if none is yet while events committed on this node are still missing (the
         * store's fetch has not delivered them), waits for them rather than let the wake-up go unanswered.
         */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (delegate.hasNextAvailable(timeout, unit)) {
                return true;
            }
            while (true) {
                long now = System.currentTimeMillis();
                missing.values().removeIf(at -> at + CATCH_UP_MILLIS <= now);
                long wait = missing.values().stream().mapToLong(at -> at + CATCH_UP_MILLIS - now).max().orElse(0);
                if (wait <= 0) {
                    return false;
                }
                if (delegate.hasNextAvailable((int) wait, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> event = delegate.nextAvailable();
            missing.remove(event.getIdentifier());
            return event;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            streams.add(this);
            return true;
        }

        @Override
        public void close() {
            streams.remove(this);
            missing.clear();
            delegate.close();
        }
    }
}

package io.eventchat.command.eventstore;

import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.concurrent.ScheduledExecutorService;

/**
 * Retries a command only when it lost a race on an aggregate's sequence ({@link ConcurrencyException} anywhere in
 * the cause chain). Axon's default treats every exception that is not explicitly non-transient as worth a retry,
 * which would repeat domain rejections.
 */
class ConflictRetryScheduler extends IntervalRetryScheduler {

    static final int RETRIES = 5;
    static final long INTERVAL_MILLIS = 25;

    private ConflictRetryScheduler(Builder builder) {
        super(builder);
    }

    static ConflictRetryScheduler create(ScheduledExecutorService executor) {
        return new ConflictRetryScheduler(IntervalRetryScheduler.builder().retryExecutor(executor)
                .retryInterval((int) INTERVAL_MILLIS).maxRetryCount(RETRIES));
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return false;
            }
        }
        return true;
    }
}

package io.eventchat.gateway.web;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.room.RoomCommand;
import io.eventchat.gateway.identity.CurrentUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends commands (carrying the acting user as {@value #ACTOR} metadata, which Axon copies into every event they
 * cause) and queries, and turns what comes back into the API's vocabulary: a domain rejection is
 * rethrown as the {@link ChatException} it is, however Axon wrapped it; a command addressed to an aggregate that
 * does not exist becomes the caller's "not found" code.
 */
@Component
public class Messaging {

    /** Metadata key of the acting user, carried from the command into every event it causes. */
    public static final String ACTOR = "actorId";
    static final String SYSTEM = "system";
    /** Metadata key under which the request's correlation id travels from the command into its events. */
    static final String TRACE_ID = "traceId";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Semaphore inFlight;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxQueued;
    private final Counter busy;

    private final MeterRegistry meters;

    Messaging(CommandGateway commands, QueryGateway queries, MeterRegistry meters,
              @Value("${chat.commands.max-concurrent:8}") int maxConcurrentCommands,
              @Value("${chat.commands.max-queued:128}") int maxQueuedCommands) {
        this.maxQueued = maxQueuedCommands;
        this.meters = meters;
        this.commands = commands;
        this.queries = queries;
        this.inFlight = new Semaphore(maxConcurrentCommands, true);
        this.busy = Counter.builder("chat.commands.refused").description("Commands refused as BUSY (queue full)")
                .register(meters);
        Gauge.builder("chat.commands.waiting", waiting, AtomicInteger::get)
                .description("Commands waiting for one of chat.commands.max-concurrent slots").register(meters);
    }

    /**
     * Sends a command and waits for its result. A room's commands are committed in groups by the command bus, which
     * bounds how many wait ({@code chat.commands.group}). Of the other commands, each with a transaction of its own,
     * at most {@code chat.commands.max-concurrent} run at once: a command holds a database connection from the start
     * of its transaction, so without this bound a burst takes every connection and the projections stall. At most
     * {@code chat.commands.max-queued} more wait for their turn; beyond that a command is refused at once with
     * {@code 503 BUSY} (and {@code Retry-After}), so that under overload the commands accepted keep a bounded
     * latency and the server keeps its throughput instead of filling every request thread with waiters.
     */
    public <R> R send(Object command, ErrorCode whenTargetMissing) {
        // a room's commands wait in their group's queue (bounded by the command bus), holding no connection
        boolean slotted = !(command instanceof RoomCommand);
        if (slotted) {
            acquire();
        }
        Timer.Sample sample = Timer.start(meters);
        String outcome = "success";
        try {
            Map<String, Object> metaData = new HashMap<>(Map.of(ACTOR, actor()));
            String correlation = MDC.get(CorrelationIdFilter.MDC_KEY);
            if (correlation != null) {
                // the trace id: Axon's MessageOriginProvider copies it into every event the command causes (their
                // correlationId is the id of the command itself)
                metaData.put(TRACE_ID, correlation);
            }
            return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
        } catch (RuntimeException e) {
            RuntimeException translated = translate(e, whenTargetMissing);
            outcome = translated instanceof ChatException chat ? chat.code().name() : "error";
            throw translated;
        } finally {
            if (slotted) {
                inFlight.release();
            }
            sample.stop(Timer.builder("chat.commands").description("Commands from receipt to result")
                    .tag("command", command.getClass().getSimpleName()).tag("outcome", outcome).register(meters));
        }
    }

    private void acquire() {
        try {
            // zero timeout: respects the queue's fairness, unlike tryAcquire()
            if (inFlight.tryAcquire(0, TimeUnit.SECONDS)) {
                return;
            }
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                throw busy();
            }
            try {
                if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw busy();
                }
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(ErrorCode.BUSY, "Interrupted while waiting to be served.");
        }
    }

    private ChatException busy() {
        busy.increment();
        return new ChatException(ErrorCode.BUSY, "The server is busy; try again in a moment.");
    }

    /** Who is acting: the authenticated caller, or {@code system} for the application's own start-up work. */
    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            return user.id().toString();
        }
        return SYSTEM;
    }

    public <R, Q> R query(Q query, ResponseType<R> responseType) {
        try {
            return queries.query(query, responseType).join();
        } catch (RuntimeException e) {
            throw translate(e, null);
        }
    }

    private static RuntimeException translate(RuntimeException failure, ErrorCode whenTargetMissing) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ChatException chat) {
                return chat;
            }
            if (t instanceof AggregateNotFoundException && whenTargetMissing != null) {
                return new ChatException(whenTargetMissing, "It does not exist.");
            }
            if (t instanceof AggregateStreamCreationException) {
                return new ChatException(ErrorCode.ALREADY_EXISTS, "It already exists.");
            }
            if (t instanceof ConcurrencyException) {
                return new ChatException(ErrorCode.CONCURRENT_MODIFICATION,
                        "Someone else changed this at the same moment; try again.");
            }
        }
        return failure instanceof CompletionException && failure.getCause() instanceof RuntimeException cause
                ? cause : failure;
    }
}

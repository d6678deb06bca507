package io.eventchat.gateway.web;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.gateway.security.CurrentUser;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Semaphore inFlight;

    Messaging(CommandGateway commands, QueryGateway queries,
              @Value("${chat.commands.max-concurrent:8}") int maxConcurrentCommands) {
        this.commands = commands;
        this.queries = queries;
        this.inFlight = new Semaphore(maxConcurrentCommands, true);
    }

    /**
     * Sends a command and waits for its result. At most {@code chat.commands.max-concurrent} commands run at once:
     * a command holds a database connection from the start of its transaction, also while it waits for its room's
     * lock, so without this bound a burst into one room takes every connection and the projections stall.
     */
    public <R> R send(Object command, ErrorCode whenTargetMissing) {
        try {
            if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new ChatException(ErrorCode.BUSY, "The server is busy; try again in a moment.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(ErrorCode.BUSY, "Interrupted while waiting to be served.");
        }
        try {
            return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(ACTOR, actor())));
        } catch (RuntimeException e) {
            throw translate(e, whenTargetMissing);
        } finally {
            inFlight.release();
        }
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

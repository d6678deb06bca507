package io.eventchat.query.processing;

import io.eventchat.api.ChatException;
import io.eventchat.api.ErrorCode;
import io.eventchat.api.admin.DeadLetterList;
import io.eventchat.api.admin.DeadLetterRetry;
import io.eventchat.api.admin.DeadLetterView;
import io.eventchat.api.admin.FindDeadLetters;
import io.eventchat.api.admin.RetryDeadLetters;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The projections' dead-letter queues: events a handler failed on are parked per sequence (a room's or a user's
 * events), later events of that sequence queue up behind them in order, and every other sequence flows on. An admin
 * lists them and, once the cause is fixed, hands them to the handlers again.
 */
@Component
class DeadLetters {

    private final EventProcessingConfiguration processing;
    private final TransactionTemplate outsideCommand;

    DeadLetters(EventProcessingConfiguration processing, PlatformTransactionManager transactions) {
        this.processing = processing;
        this.outsideCommand = new TransactionTemplate(transactions);
        this.outsideCommand.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    @QueryHandler
    DeadLetterList handle(FindDeadLetters query) {
        List<DeadLetterView> letters = new ArrayList<>();
        Projections.names().stream().sorted().forEach(group ->
                processing.deadLetterQueue(group).ifPresent(queue -> queue.deadLetters().forEach(sequence ->
                        sequence.forEach(letter -> letters.add(view(group, letter))))));
        return new DeadLetterList(letters);
    }

    /**
     * Each parked sequence is tried once, from its oldest event: handled events leave the queue, and a sequence stops
     * at its first event that fails again. Runs outside the command's transaction, so that a handler failing again
     * rolls back only its own attempt.
     */
    @CommandHandler
    DeadLetterRetry handle(RetryDeadLetters command) {
        String group = command.processingGroup();
        SequencedDeadLetterQueue<EventMessage<?>> queue = Projections.exists(group)
                ? processing.deadLetterQueue(group).orElse(null) : null;
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.sequencedDeadLetterProcessor(group).orElse(null);
        if (queue == null || processor == null) {
            throw new ChatException(ErrorCode.PROJECTION_NOT_FOUND, "There is no projection named " + group + ".");
        }
        return outsideCommand.execute(status -> {
            long before = queue.size();
            List<String> firsts = new ArrayList<>();
            queue.deadLetters().forEach(sequence -> {
                var letters = sequence.iterator();
                if (letters.hasNext()) {
                    firsts.add(identifier(letters.next()));
                }
            });
            for (String first : firsts) {
                processor.process(letter -> Objects.equals(identifier(letter), first));
            }
            long remaining = queue.size();
            return new DeadLetterRetry(Math.max(0, before - remaining), remaining);
        });
    }

    private static String identifier(DeadLetter<?> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getIdentifier() : letter.message().getIdentifier();
    }

    private static DeadLetterView view(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        Long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        String sequence = letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier() : null;
        return new DeadLetterView(identifier(letter), group, sequence, event.getPayloadType().getSimpleName(),
                event.getIdentifier(), position, letter.enqueuedAt(), letter.lastTouched(),
                letter.cause().map(Cause::type).orElse(null), letter.cause().map(Cause::message).orElse(null));
    }
}

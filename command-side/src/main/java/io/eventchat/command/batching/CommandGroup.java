package io.eventchat.command.batching;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the commands of one group (see {@link GroupCommitCommandBus}) share besides their transaction: rows read once
 * for the whole group ({@link GroupParticipant#preload}), and rows written by all of them in one statement per kind
 * of write when the group commits. The command side's tables that a room's commands read and write (which message a
 * client's id produced, who wrote which message) go through it when their command runs in a group, so a group of
 * posts costs a few statements, not a few per post; outside a group they are read and written as they always were.
 * <p>
 * A write belongs to the command that made it: if that command is refused later in its handling, the write is dropped
 * with the rest of its unit of work, and what it changed in the group's view is put back.
 */
public final class CommandGroup {

    private static final String RESOURCE = CommandGroup.class.getName();
    private static final Object ABSENT = new Object();

    private final Map<Object, Object> known = new HashMap<>();
    private final Map<String, Batch<?>> writes = new LinkedHashMap<>();

    private CommandGroup() {
    }

    /** The group the current command runs in, or null when it runs on its own. */
    public static CommandGroup current() {
        return CurrentUnitOfWork.isStarted()
                ? (CommandGroup) CurrentUnitOfWork.get().root().resources().get(RESOURCE) : null;
    }

    /** Starts a group in the root unit of work of its commands; its writes go out when the root prepares to commit. */
    static CommandGroup startIn(UnitOfWork<?> root) {
        CommandGroup group = new CommandGroup();
        root.resources().put(RESOURCE, group);
        root.onPrepareCommit(unitOfWork -> group.flush());
        return group;
    }

    /** Whether the group knows {@code key}: read for it, or written by one of its commands. */
    public boolean knows(Object key) {
        return known.containsKey(key);
    }

    /** What the group knows of {@code key}: null when it is known not to exist. */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key) {
        Object value = known.get(key);
        return value == ABSENT ? null : (T) value;
    }

    /** Records what was read for the group; {@code value} null when there is no such row. */
    public void loaded(Object key, Object value) {
        known.put(key, value == null ? ABSENT : value);
    }

    /**
     * Queues {@code row} for the statement {@code writer} (a writer's rows go out together, in the order queued, when
     * the group commits), and makes {@code key} known as {@code value} to the group's later commands; both on behalf
     * of the current command, so a refusal of it undoes them.
     */
    public <T> void write(String writer, Consumer<List<T>> statement, T row, Object key, Object value) {
        @SuppressWarnings("unchecked")
        Batch<T> batch = (Batch<T>) writes.computeIfAbsent(writer, name -> new Batch<>(statement));
        batch.rows.add(row);
        boolean knew = known.containsKey(key);
        Object before = known.put(key, value == null ? ABSENT : value);
        CurrentUnitOfWork.get().onRollback(unitOfWork -> {
            batch.rows.remove(row);
            if (knew) {
                known.put(key, before);
            } else {
                known.remove(key);
            }
        });
    }

    private void flush() {
        for (Batch<?> batch : writes.values()) {
            batch.flush();
        }
        writes.clear();
    }

    private static final class Batch<T> {
        final Consumer<List<T>> statement;
        final List<T> rows = new ArrayList<>();

        Batch(Consumer<List<T>> statement) {
            this.statement = statement;
        }

        void flush() {
            if (!rows.isEmpty()) {
                statement.accept(rows);
            }
        }
    }
}

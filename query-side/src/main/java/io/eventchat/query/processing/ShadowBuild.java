package io.eventchat.query.processing;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Marks the units of work of a projection rebuild, whose handlers write to shadow tables: what a projection keeps
 * outside its tables (a cache) must not be written from them, since it belongs to the live tables until the swap.
 * Each carries the rebuild transaction's {@link ProjectionWrites.Batch}.
 */
public final class ShadowBuild {

    private static final String RESOURCE = ShadowBuild.class.getName();

    private ShadowBuild() {
    }

    public static void mark(UnitOfWork<?> unitOfWork, ProjectionWrites.Batch writes) {
        unitOfWork.resources().put(RESOURCE, writes);
    }

    /** Whether the event being handled now is being handled into a projection's shadow tables. */
    public static boolean inProgress() {
        return writes() != null;
    }

    static ProjectionWrites.Batch writes() {
        return CurrentUnitOfWork.isStarted()
                ? (ProjectionWrites.Batch) CurrentUnitOfWork.get().resources().get(RESOURCE) : null;
    }
}

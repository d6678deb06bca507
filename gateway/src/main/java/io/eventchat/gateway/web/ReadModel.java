package io.eventchat.gateway.web;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Read-your-writes for answers that show the changed resource: after a command, reads the projection until it
 * shows the change, for a short while. Projections follow within milliseconds; if one is slower, the caller gets
 * what it shows then (or the fallback), never an error.
 */
public final class ReadModel {

    private static final long WAIT_MILLIS = 1000;
    private static final long STEP_MILLIS = 10;

    private ReadModel() {
    }

    public static <T> Optional<T> await(Supplier<Optional<T>> read, Predicate<T> shows) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        Optional<T> last = read.get();
        while (last.map(shows::test).orElse(false) == Boolean.FALSE && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            last = read.get();
        }
        return last;
    }
}

package io.shopstreams.service;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls until something is there or a deadline passes. Every wait in the services says what it waits for and
 * for how long, so that a wait that gives up ends with a message a user can act on, never a silent hang.
 */
public final class BoundedWait {
    private BoundedWait() {
    }

    /**
     * @param what    what is awaited, for the message when interrupted (e.g. "topic cart-events to exist")
     * @param probe   one look: the value once it is there, empty while it is not (may throw to give up at once)
     * @return the value, or empty when {@code timeout} passed without it
     */
    public static <T> Optional<T> poll(String what, Duration timeout, Duration interval, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent() || System.nanoTime() - deadline >= 0) {
                return found;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}

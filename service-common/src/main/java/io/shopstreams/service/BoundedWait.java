package io.shopstreams.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Polls until something holds or a time limit passes, so that every wait in the project is bounded and its caller
 * can say what it waited for and for how long. The condition is checked at least once, and once more after the
 * limit, so a slow check cannot make a met condition look timed out.
 */
public final class BoundedWait {
    /** A check of the awaited condition; may block on Kafka, never for longer than its own timeout. */
    @FunctionalInterface
    public interface Condition {
        boolean met() throws InterruptedException;
    }

    private BoundedWait() {
    }

    /** @return whether {@code condition} held within {@code timeout} */
    public static boolean within(Duration timeout, Duration poll, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(poll.toMillis());
        }
        return true;
    }

    /**
     * @param what  what is awaited, for the message when interrupted (e.g. "topic cart-events to exist")
     * @param probe one look: the value once it is there, empty while it is not (may throw to give up at once)
     * @return the value, or empty when {@code timeout} passed without it
     */
    public static <T> Optional<T> poll(String what, Duration timeout, Duration poll, Supplier<Optional<T>> probe) {
        AtomicReference<T> found = new AtomicReference<>();
        try {
            within(timeout, poll, () -> {
                probe.get().ifPresent(found::set);
                return found.get() != null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
        return Optional.ofNullable(found.get());
    }
}

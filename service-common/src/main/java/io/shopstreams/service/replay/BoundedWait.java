package io.shopstreams.service.replay;

import io.shopstreams.service.replay.StateRebuilder.RebuildException;

import java.time.Duration;

/**
 * Polls a condition until it holds or a time limit passes. The condition is checked at least once, and once
 * more after the limit, so a slow check cannot make a met condition look timed out.
 */
final class BoundedWait {
    /** A check of the awaited condition; may block on Kafka, never for longer than its own timeout. */
    @FunctionalInterface
    interface Condition {
        boolean met() throws InterruptedException;
    }

    private BoundedWait() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @param description what is awaited, e.g. "the deletion of the changelog topics"
     * @throws RebuildException naming {@code description} and {@code timeout} when it did not hold in time
     */
    static void until(String description, Duration timeout, Duration poll, Condition condition)
            throws InterruptedException {
        if (!within(timeout, poll, condition)) {
            throw new RebuildException("gave up waiting for " + description + " after " + timeout.toSeconds() + " s");
        }
    }

    /**
     * For a caller that words its own message from what it last saw.
     *
     * @return whether {@code condition} held within {@code timeout}
     */
    static boolean within(Duration timeout, Duration poll, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(poll.toMillis());
        }
        return true;
    }
}

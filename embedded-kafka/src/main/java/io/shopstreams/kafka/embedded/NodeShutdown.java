package io.shopstreams.kafka.embedded;

import java.time.Duration;
import java.util.List;

/**
 * Stops every node of a cluster, each attempted even when an earlier one failed; the first failure is thrown
 * with the others suppressed.
 */
final class NodeShutdown {
    static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(30);

    private NodeShutdown() {
    }

    /** SIGKILL-like death of every node: for child processes whose data is deleted anyway. */
    static void killAll(List<KafkaNode> nodes) {
        RuntimeException failure = null;
        for (KafkaNode node : nodes) {
            try {
                node.kill();
            } catch (RuntimeException e) {
                failure = accumulate(failure, e);
            }
        }
        throwIf(failure);
    }

    /** A controlled shutdown of every node, killed after {@link #GRACEFUL_STOP_TIMEOUT}. */
    static void stopAll(List<KafkaNode> nodes) {
        RuntimeException failure = null;
        // Signal all first so that the nodes shut down in parallel rather than one after another.
        for (KafkaNode node : nodes) {
            try {
                node.signalStop();
            } catch (RuntimeException e) {
                failure = accumulate(failure, e);
            }
        }
        for (KafkaNode node : nodes) {
            try {
                node.stop(GRACEFUL_STOP_TIMEOUT);
            } catch (RuntimeException e) {
                failure = accumulate(failure, e);
            }
        }
        throwIf(failure);
    }

    private static RuntimeException accumulate(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static void throwIf(RuntimeException failure) {
        if (failure != null) {
            throw failure;
        }
    }
}

package io.shopstreams.topics;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Waits for AdminClient futures with a bound, turning failures into one-line {@link TopicAdminException}s.
 * Every call is also given {@link #timeoutMs()} in its options; the extra grace here only guards against a
 * future the client never completes.
 */
final class AdminCalls {

    private static final long GRACE_MILLIS = 1_000;

    private final Duration timeout;

    AdminCalls(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    /** The per-call timeout, for the {@code timeoutMs} of admin call options. */
    int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** The future's value; {@code what} names the call in error messages, e.g. "describeCluster". */
    <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (TimeoutException e) {
            throw timedOut(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicAdminException(what + ": interrupted", e);
        }
    }

    /** Like {@link #await}, but empty when the topic does not exist (any more, or not yet in the broker's view). */
    <T> Optional<T> awaitUnlessUnknownTopic(KafkaFuture<T> future, String what) {
        try {
            return Optional.of(future.get(timeout.toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw failure(what, e.getCause());
        } catch (TimeoutException e) {
            throw timedOut(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicAdminException(what + ": interrupted", e);
        }
    }

    /** The exception for a call that failed with {@code cause}: a timeout reads as "not reachable". */
    TopicAdminException failure(String what, Throwable cause) {
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return timedOut(what, cause);
        }
        return new TopicAdminException(what + " failed: " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), cause);
    }

    private TopicAdminException timedOut(String what, Throwable cause) {
        return new TopicAdminException("Kafka did not answer " + what + " within " + timeout.toSeconds()
                + " s: are the brokers running and reachable at the bootstrap servers?", cause);
    }
}

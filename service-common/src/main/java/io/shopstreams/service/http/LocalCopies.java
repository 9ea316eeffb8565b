package io.shopstreams.service.http;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;

import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * What the router must know of this instance's copies of the stores to tell whether a miss may be answered
 * 404: the client state, the key's metadata, a copy's lag, where the active tasks run. Implemented over
 * Kafka Streams by {@link StreamsCopies}; tests fake it.
 */
public interface LocalCopies {
    KafkaStreams.State state();

    /**
     * Changes whenever this instance's assignment or a copy's completeness may have changed: a state
     * transition, a thread replaced, a restore begun or ended.
     */
    long generation();

    /** The key's metadata, or null while this instance cannot tell (starting, rebalancing, shutting down). */
    KeyQueryMetadata metadata(String store, String key);

    /**
     * How many records the local copy of {@code store}'s {@code partition} lags behind, as looked up after this
     * call (never an earlier look): 0 for an active task that runs, more while it restores. Empty while unknown
     * or when the look takes too long.
     */
    CompletionStage<OptionalLong> lag(String store, int partition);

    /** Whether a RUNNING stream thread here holds the active task of {@code store}'s {@code partition}. */
    boolean activeRunningHere(String store, int partition);

    /** Why this instance may have lost its partitions without knowing it yet (cut off from the group), or empty. */
    java.util.Optional<String> outOfTouch();
}

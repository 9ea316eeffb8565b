package io.shopstreams.service.stream;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The memory of decided commands: {@code aggregateId|causeId -> outcome}, in a window store keyed by the
 * record timestamp so that it expires with the command topic's retention (a command older than that cannot
 * be re-delivered) and restores from its changelog like any store.
 */
public final class OutcomeMemory<O> {
    private final WindowStore<String, O> store;

    public OutcomeMemory(WindowStore<String, O> store) {
        this.store = store;
    }

    /**
     * The composite key {@code aggregateId|other} of every store keyed by an aggregate and a second ID. '|'
     * cannot occur in an ID, so the pair is unambiguous and the aggregate's keys share {@link #prefix}.
     */
    public static String key(String aggregateId, String otherId) {
        return prefix(aggregateId) + otherId;
    }

    /** The prefix of every {@link #key} of this aggregate, for a prefix scan. */
    public static String prefix(String aggregateId) {
        return aggregateId + "|";
    }

    /** The aggregateId of a {@link #key}. */
    public static String aggregateIdOf(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    public static <O> StoreBuilder<WindowStore<String, O>> storeBuilder(String name, Duration retention, Serde<O> serde) {
        return Stores.windowStoreBuilder(CloseSafeStores.window(name, retention, Duration.ofMillis(1), false),
                Serdes.String(), serde);
    }

    /** Whether {@code causeId} (a commandId, or a causing event's id) was already decided for the aggregate. */
    public boolean alreadyDecided(String aggregateId, String causeId) {
        try (WindowStoreIterator<O> found = store.fetch(key(aggregateId, causeId), 0L, Long.MAX_VALUE)) {
            return found.hasNext();
        }
    }

    public void remember(String aggregateId, String causeId, O outcome, long timestamp) {
        store.put(key(aggregateId, causeId), outcome, timestamp);
    }

    /** The outcome recorded for {@code causeId}, read through interactive queries. */
    public static <O> Optional<O> find(ReadOnlyWindowStore<String, O> store, String aggregateId, String causeId) {
        try (WindowStoreIterator<O> found = store.fetch(key(aggregateId, causeId), Instant.EPOCH,
                Instant.ofEpochMilli(Long.MAX_VALUE))) {
            return found.hasNext() ? Optional.of(found.next().value) : Optional.empty();
        }
    }
}

package io.shopstreams.service.http;

import io.shopstreams.service.stream.GuardedView;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The read-only views of this instance's key-value stores, one per store, partition and kind of copy (active or
 * standby), each found once per {@link LocalCopies#generation() generation}.
 * <p>
 * A store handle of Kafka Streams looks its stores up again on every read, among every task of every stream
 * thread (and the state updater's, under its lock): 18 % of an HTTP thread's samples in a profile of
 * {@code GET /carts/{id}}. The same checks are made here once; a held view stays right until the assignment
 * changes, which changes the generation (every rebalance, thread replacement, restore start and end). A view
 * whose store was closed or opened again since fails with {@link InvalidStateStoreException}
 * ({@code CloseSafeStores}, which every partitioned store of the services is built on), and is then looked up
 * again.
 */
final class StoreViews {
    private record Key(String store, int partition, boolean stale) {
    }

    private record Held(long generation, ReadOnlyKeyValueStore<?, ?> view) {
    }

    private final KafkaStreams streams;
    private final LongSupplier generation;
    private final Map<Key, Held> held = new ConcurrentHashMap<>();

    StoreViews(KafkaStreams streams, LongSupplier generation) {
        this.streams = streams;
        this.generation = generation;
    }

    /** @throws InvalidStateStoreException when this instance cannot serve that copy now */
    @SuppressWarnings("unchecked")
    <K, V> ReadOnlyKeyValueStore<K, V> keyValue(String store, int partition, boolean stale) {
        Key key = new Key(store, partition, stale);
        long now = generation.getAsLong();
        Held current = held.get(key);
        if (current == null || current.generation() != now) {
            StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> parameters =
                    StoreQueryParameters.fromNameAndType(store, new OwnView<K, V>()).withPartition(partition);
            current = new Held(now, new Forgetting<>(streams.store(stale ? parameters.enableStaleStores() : parameters),
                    key));
            held.put(key, current);
        }
        return (ReadOnlyKeyValueStore<K, V>) current.view();
    }

    /**
     * Kafka Streams' key-value store type, except that it hands out the partition's own view instead of a handle
     * that looks the store up again on every read.
     */
    private static final class OwnView<K, V> implements QueryableStoreType<ReadOnlyKeyValueStore<K, V>> {
        private final QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValue = QueryableStoreTypes.keyValueStore();

        @Override
        public boolean accepts(StateStore stateStore) {
            return keyValue.accepts(stateStore);
        }

        @Override
        public ReadOnlyKeyValueStore<K, V> create(StateStoreProvider provider, String storeName) {
            // As Kafka Streams' handle reads, once: the stores of the one partition asked for, at the queries'
            // isolation level.
            List<ReadOnlyKeyValueStore<K, V>> stores = provider.stores(storeName, this);
            if (stores.size() != 1) {
                return keyValue.create(provider, storeName);
            }
            return stores.get(0).readOnly(provider.defaultIsolationLevel());
        }
    }

    /** A held view that is dropped once it fails, so that the next read looks the store up again. */
    private final class Forgetting<K, V> extends GuardedView<K, V> {
        private final Key key;

        Forgetting(ReadOnlyKeyValueStore<K, V> view, Key key) {
            super(view);
            this.key = key;
        }

        @Override
        protected <R> R read(Supplier<R> read) {
            try {
                return read.get();
            } catch (InvalidStateStoreException e) {
                held.computeIfPresent(key, (k, h) -> h.view() == this ? null : h);
                throw e;
            }
        }
    }
}

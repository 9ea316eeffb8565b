package io.shopstreams.cart.stream;

import io.shopstreams.service.replay.StoreSink;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store entries, decoded, by store, key and window start: read from the stores a test driver built, or
 * collected from what a {@link io.shopstreams.service.replay.StoreFold} emits, so that the two compare entry
 * by entry.
 */
final class StoreContents implements StoreSink {
    /** One entry's address; {@code windowStart} is null in a key-value store. */
    record Entry(String store, String key, Long windowStart) {
    }

    private final Map<String, Deserializer<?>> deserializers;
    private final Map<Entry, Object> values = new LinkedHashMap<>();
    private final Map<Entry, String> partitionKeys = new LinkedHashMap<>();

    /** @param deserializers each store's value deserializer, for the bytes a fold emits */
    StoreContents(Map<String, Deserializer<?>> deserializers) {
        this.deserializers = deserializers;
    }

    /** Every entry of a key-value store. */
    static Map<Entry, Object> keyValues(String name, KeyValueStore<String, ?> store) {
        Map<Entry, Object> entries = new LinkedHashMap<>();
        try (var iterator = store.all()) {
            iterator.forEachRemaining(entry -> entries.put(new Entry(name, entry.key, null), entry.value));
        }
        return entries;
    }

    /** Every entry of a window store, with its window start. */
    static Map<Entry, Object> windows(String name, WindowStore<String, ?> store) {
        Map<Entry, Object> entries = new LinkedHashMap<>();
        try (var iterator = store.all()) {
            iterator.forEachRemaining(entry -> entries.put(
                    new Entry(name, entry.key.key(), entry.key.window().start()), entry.value));
        }
        return entries;
    }

    @Override
    public void keyValue(String store, String partitionKey, String key, byte[] value, long timestamp) {
        add(new Entry(store, key, null), partitionKey, value);
    }

    @Override
    public void window(String store, String partitionKey, String key, long windowStart, byte[] value) {
        add(new Entry(store, key, windowStart), partitionKey, value);
    }

    Map<Entry, Object> values() {
        return values;
    }

    /** The key whose task owns each entry, as the fold named it. */
    Map<Entry, String> partitionKeys() {
        return partitionKeys;
    }

    private void add(Entry entry, String partitionKey, byte[] value) {
        Deserializer<?> deserializer = deserializers.get(entry.store());
        assertThat(deserializer).as("a store of the service: %s", entry.store()).isNotNull();
        Object previous = values.put(entry, deserializer.deserialize(entry.store(), value));
        assertThat(previous).as("emitted once: %s", entry).isNull();
        partitionKeys.put(entry, partitionKey);
    }
}

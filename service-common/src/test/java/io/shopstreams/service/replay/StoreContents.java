package io.shopstreams.service.replay;

import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store entries, decoded, by store and key: read from the stores a test driver built, or
 * collected from what a {@link StoreFold} emits, so that the two compare entry by entry. Shared by the
 * services' fold tests through this module's test jar.
 */
public final class StoreContents implements StoreSink {
    /** An {@link OutcomeMemory} entry, decoded to a value that compares by content. */
    public static final Deserializer<Object> OUTCOME_ENTRIES =
            (topic, entry) -> OutcomeMemory.decode(entry);
    /** One entry's address. */
    public record Entry(String store, String key) {
    }

    private final Map<String, Deserializer<?>> deserializers;
    private final Map<Entry, Object> values = new LinkedHashMap<>();
    private final Map<Entry, String> partitionKeys = new LinkedHashMap<>();

    /** @param deserializers each store's value deserializer, for the bytes a fold emits */
    public StoreContents(Map<String, Deserializer<?>> deserializers) {
        this.deserializers = deserializers;
    }

    /** What {@code fold} emits after folding {@code log}, decoded with each store's deserializer; closes the fold. */
    public static StoreContents folded(StoreFold fold, List<ConsumerRecord<String, byte[]>> log,
                                       Map<String, Deserializer<?>> deserializers) {
        try (fold) {
            log.forEach(fold::accept);
            StoreContents folded = new StoreContents(deserializers);
            fold.emit(folded);
            return folded;
        }
    }

    /** Every entry of a key-value store. */
    public static Map<Entry, Object> keyValues(String name, KeyValueStore<String, ?> store) {
        return keyValues(name, store, Function.identity());
    }

    /** Every entry of a key-value store of bytes, decoded as a fold's are. */
    public static Map<Entry, Object> keyValues(String name, KeyValueStore<String, byte[]> store,
                                               Deserializer<?> values) {
        return keyValues(name, store, bytes -> values.deserialize(name, bytes));
    }

    private static <V> Map<Entry, Object> keyValues(String name, KeyValueStore<String, V> store,
                                                    Function<V, ?> value) {
        Map<Entry, Object> entries = new LinkedHashMap<>();
        try (var iterator = store.all()) {
            iterator.forEachRemaining(entry -> entries.put(new Entry(name, entry.key), value.apply(entry.value)));
        }
        return entries;
    }

    @Override
    public void keyValue(String store, String partitionKey, String key, byte[] value, long timestamp) {
        add(new Entry(store, key), partitionKey, value);
    }

    public Map<Entry, Object> values() {
        return values;
    }

    /** The keys of {@code store}'s entries among {@code entries}, in their order. */
    public static List<String> keys(Map<Entry, Object> entries, String store) {
        return entries.keySet().stream().filter(entry -> entry.store().equals(store)).map(Entry::key).toList();
    }

    /** The key whose task owns each entry, as the fold named it. */
    public Map<Entry, String> partitionKeys() {
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

package io.shopstreams.service.aggregate;

import io.shopstreams.service.stream.CloseSafeStores;
import io.shopstreams.service.stream.StoreSerde;
import io.shopstreams.service.stream.OutcomeMemory;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The two stores every aggregate has, each exactly a fold of the aggregate's events so that a rebuild gives the
 * same content: {@link #states} (id -> state, only aggregates that exist) and {@link #outcomes} (the
 * {@link OutcomeMemory} of decided causes, expiring with the command topic's retention).
 *
 * @param stateType the stored state's class, for its JSON serde
 */
public record AggregateStores<S>(String states, String outcomes, Class<S> stateType) {

    public StoreBuilder<KeyValueStore<String, S>> statesBuilder() {
        return keyValue(states, stateType);
    }

    public StoreBuilder<KeyValueStore<String, byte[]>> outcomesBuilder() {
        return OutcomeMemory.storeBuilder(outcomes);
    }

    /** A persistent key-value store of {@link StoreSerde} values: the states store, or a further store. */
    public static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(String name, Class<V> type) {
        return Stores.keyValueStoreBuilder(CloseSafeStores.keyValue(name), Serdes.String(),
                new StoreSerde<>(type));
    }
}

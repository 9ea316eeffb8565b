package io.shopstreams.service.http;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * Reads local state stores for one key's partition: the active copy, or (when {@link #stale()}) a standby.
 * Handed to a local query so that it reads exactly the partition the router chose.
 */
public final class StoreAccess {
    private final KafkaStreams streams;
    private final int partition;
    private final boolean stale;

    StoreAccess(KafkaStreams streams, int partition, boolean stale) {
        this.streams = streams;
        this.partition = partition;
        this.stale = stale;
    }

    /** @throws org.apache.kafka.streams.errors.InvalidStateStoreException when this instance cannot serve it now */
    public <T> T store(String name, QueryableStoreType<T> type) {
        StoreQueryParameters<T> parameters = StoreQueryParameters.fromNameAndType(name, type).withPartition(partition);
        return streams.store(stale ? parameters.enableStaleStores() : parameters);
    }

    public boolean stale() {
        return stale;
    }

    public int partition() {
        return partition;
    }
}

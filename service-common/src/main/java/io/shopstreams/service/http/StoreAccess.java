package io.shopstreams.service.http;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads local state stores for one key's partition: the active copy, or (when {@link #stale()}) a standby.
 * Handed to a local query so that it reads exactly the partition the router chose.
 */
public final class StoreAccess {
    private final StoreViews views;
    private final int partition;
    private final boolean stale;

    StoreAccess(StoreViews views, int partition, boolean stale) {
        this.views = views;
        this.partition = partition;
        this.stale = stale;
    }

    /** @throws org.apache.kafka.streams.errors.InvalidStateStoreException when this instance cannot serve it now */
    public <K, V> ReadOnlyKeyValueStore<K, V> keyValue(String name) {
        return views.keyValue(name, partition, stale);
    }

    public boolean stale() {
        return stale;
    }

    public int partition() {
        return partition;
    }
}

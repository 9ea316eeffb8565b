package io.shopstreams.service.stream;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.function.Supplier;

/** A read-only key-value view whose every read goes through {@link #read}, which guards it. */
public abstract class GuardedView<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private final ReadOnlyKeyValueStore<K, V> view;

    protected GuardedView(ReadOnlyKeyValueStore<K, V> view) {
        this.view = view;
    }

    /** Runs one read of the view. */
    protected abstract <R> R read(Supplier<R> read);

    @Override
    public V get(K key) {
        return read(() -> view.get(key));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return read(() -> view.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return read(() -> view.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return read(view::all);
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return read(view::reverseAll);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS serializer) {
        return read(() -> view.prefixScan(prefix, serializer));
    }

    @Override
    public long approximateNumEntries() {
        return read(view::approximateNumEntries);
    }
}

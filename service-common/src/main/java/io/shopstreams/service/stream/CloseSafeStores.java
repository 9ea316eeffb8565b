package io.shopstreams.service.stream;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Kafka Streams' persistent stores, with interactive queries that cannot meet a store's close unguarded.
 * <p>
 * In 4.4 a query reads through {@code readOnly(IsolationLevel)} views; RocksDB's view checks that the store is
 * open and then reads without the store's lock, so a read that meets the stream thread closing the store (a
 * task migrating, or revived after a failed commit) reads a freed database and the JVM aborts in native code
 * (reproduced by {@code CloseSafeStoresTest}). Here a key-value view reads under the lock that the store's
 * {@code close()} takes, and a window store answers queries through its own methods, whose segments read under
 * theirs; a read after the close fails with {@code InvalidStateStoreException}, which the router answers with
 * 503. With {@code TRANSACTIONAL_STATE_STORES} a window query thereby also sees uncommitted outcomes, as every
 * query does without transactional stores. Everything else is delegated unchanged.
 */
public final class CloseSafeStores {
    private CloseSafeStores() {
    }

    public static KeyValueBytesStoreSupplier keyValue(String name) {
        KeyValueBytesStoreSupplier rocks = Stores.persistentKeyValueStore(name);
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return rocks.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new SafeKeyValueStore(rocks.get());
            }

            @Override
            public String metricsScope() {
                return rocks.metricsScope();
            }
        };
    }

    public static WindowBytesStoreSupplier window(String name, Duration retention, Duration windowSize,
                                                  boolean retainDuplicates) {
        WindowBytesStoreSupplier rocks = Stores.persistentWindowStore(name, retention, windowSize, retainDuplicates);
        return new WindowBytesStoreSupplier() {
            @Override
            public String name() {
                return rocks.name();
            }

            @Override
            public WindowStore<Bytes, byte[]> get() {
                return new SafeWindowStore(rocks.get());
            }

            @Override
            public String metricsScope() {
                return rocks.metricsScope();
            }

            @Override
            public long segmentIntervalMs() {
                return rocks.segmentIntervalMs();
            }

            @Override
            public long windowSize() {
                return rocks.windowSize();
            }

            @Override
            public boolean retainDuplicates() {
                return rocks.retainDuplicates();
            }

            @Override
            public long retentionPeriod() {
                return rocks.retentionPeriod();
            }
        };
    }

    /** The {@link StateStore} part, delegated as is. */
    private abstract static class Delegating<T extends StateStore> implements StateStore {
        final T inner;

        Delegating(T inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        /**
         * A point read that a close before or during it reports as closed: a closed segmented store answers
         * {@code null} rather than failing, which a query would take for a miss.
         */
        <R> R value(Supplier<R> read) {
            requireOpen();
            R value = read.get();
            requireOpen();
            return value;
        }

        /** An iterator checks its store itself once open; a closed window store would give an empty one. */
        <R> R iterator(Supplier<R> open) {
            requireOpen();
            return open.get();
        }

        private void requireOpen() {
            if (!inner.isOpen()) {
                throw new InvalidStateStoreException("store " + inner.name() + " is closed");
            }
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            inner.init(context, root);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void flush() {
            inner.flush();
        }

        @Override
        public void commit(Map<TopicPartition, Long> changelogOffsets) {
            inner.commit(changelogOffsets);
        }

        @Override
        public Long committedOffset(TopicPartition partition) {
            return inner.committedOffset(partition);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public boolean persistent() {
            return inner.persistent();
        }

        @Override
        public boolean managesOffsets() {
            return inner.managesOffsets();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
            return inner.query(query, positionBound, config);
        }

        @Override
        public long approximateNumUncommittedBytes() {
            return inner.approximateNumUncommittedBytes();
        }

        @Override
        public Position getPosition() {
            return inner.getPosition();
        }
    }

    private static final class SafeKeyValueStore extends Delegating<KeyValueStore<Bytes, byte[]>>
            implements KeyValueStore<Bytes, byte[]> {
        SafeKeyValueStore(KeyValueStore<Bytes, byte[]> inner) {
            super(inner);
        }

        /** Kafka Streams' view (committed data only with transactional stores), read under the store's lock. */
        @Override
        public ReadOnlyKeyValueStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
            synchronized (inner) {
                return new LockedView(inner, inner.readOnly(isolationLevel));
            }
        }

        @Override
        public void put(Bytes key, byte[] value) {
            inner.put(key, value);
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            return inner.putIfAbsent(key, value);
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            inner.putAll(entries);
        }

        @Override
        public byte[] delete(Bytes key) {
            return inner.delete(key);
        }

        @Override
        public byte[] get(Bytes key) {
            return inner.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return inner.range(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            return inner.reverseRange(from, to);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return inner.all();
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return inner.reverseAll();
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
            return inner.prefixScan(prefix, serializer);
        }

        @Override
        public long approximateNumEntries() {
            return inner.approximateNumEntries();
        }
    }

    /**
     * A view that reads holding the store's monitor, as RocksDB's store does in its own {@code get}: its
     * {@code close()} holds it too, so a read either sees the store open or fails with "closed".
     */
    private record LockedView(Object lock, ReadOnlyKeyValueStore<Bytes, byte[]> view)
            implements ReadOnlyKeyValueStore<Bytes, byte[]> {
        @Override
        public byte[] get(Bytes key) {
            synchronized (lock) {
                return view.get(key);
            }
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            synchronized (lock) {
                return view.range(from, to);
            }
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            synchronized (lock) {
                return view.reverseRange(from, to);
            }
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            synchronized (lock) {
                return view.all();
            }
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            synchronized (lock) {
                return view.reverseAll();
            }
        }

        @Override
        public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS serializer) {
            synchronized (lock) {
                return view.prefixScan(prefix, serializer);
            }
        }

        @Override
        public long approximateNumEntries() {
            synchronized (lock) {
                return view.approximateNumEntries();
            }
        }
    }

    private static final class SafeWindowStore extends Delegating<WindowStore<Bytes, byte[]>>
            implements WindowStore<Bytes, byte[]> {
        SafeWindowStore(WindowStore<Bytes, byte[]> inner) {
            super(inner);
        }

        /**
         * Its own reads, not Kafka Streams' view: a window store's segments are each closed under their own lock,
         * which only the segments' own {@code get} and iterators take. Window stores are not transactional in
         * 4.4, so both read the same data.
         */
        @Override
        public ReadOnlyWindowStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
            return this;
        }

        @Override
        public void put(Bytes key, byte[] value, long windowStartTimestamp) {
            inner.put(key, value, windowStartTimestamp);
        }

        @Override
        public byte[] fetch(Bytes key, long time) {
            return value(() -> inner.fetch(key, time));
        }

        @Override
        public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
            return iterator(() -> inner.fetch(key, timeFrom, timeTo));
        }

        @Override
        public WindowStoreIterator<byte[]> fetch(Bytes key, Instant timeFrom, Instant timeTo) {
            return iterator(() -> inner.fetch(key, timeFrom, timeTo));
        }

        @Override
        public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
            return iterator(() -> inner.backwardFetch(key, timeFrom, timeTo));
        }

        @Override
        public WindowStoreIterator<byte[]> backwardFetch(Bytes key, Instant timeFrom, Instant timeTo) {
            return iterator(() -> inner.backwardFetch(key, timeFrom, timeTo));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
                                                               long timeTo) {
            return iterator(() -> inner.fetch(keyFrom, keyTo, timeFrom, timeTo));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, Instant timeFrom,
                                                               Instant timeTo) {
            return iterator(() -> inner.fetch(keyFrom, keyTo, timeFrom, timeTo));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
                                                                       long timeTo) {
            return iterator(() -> inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, Instant timeFrom,
                                                                       Instant timeTo) {
            return iterator(() -> inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
            return iterator(() -> inner.fetchAll(timeFrom, timeTo));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(Instant timeFrom, Instant timeTo) {
            return iterator(() -> inner.fetchAll(timeFrom, timeTo));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
            return iterator(() -> inner.backwardFetchAll(timeFrom, timeTo));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(Instant timeFrom, Instant timeTo) {
            return iterator(() -> inner.backwardFetchAll(timeFrom, timeTo));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
            return iterator(() -> inner.all());
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
            return iterator(() -> inner.backwardAll());
        }
    }
}
